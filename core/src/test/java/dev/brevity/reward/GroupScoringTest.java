package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One request's attempts scored as a group, against values computed by hand. */
class GroupScoringTest {

  private static final double EXACT = 1e-12;

  private static final List<Attempt> GROUP =
      List.of(
          new Attempt(100, true, true),
          new Attempt(300, true, true),
          new Attempt(200, true, false));

  @Test
  void aRewardThatComparesSiblingsScoresAgainstTheWholeGroup() {
    GroupScoring.Result result =
        GroupScoring.score(GROUP, false, Rewards.of("kimi(weight=1)"), null);

    // λ = 0.5 − (len − 100)/200: 0.5, −0.5, 0 (wrong: min(0, 0) = 0)
    assertThat(result.scores().stream().map(Score::reward)).containsExactly(1.5, 0.5, 0.0);
    assertThat(result.referenceStatistics()).isNull();
  }

  @Test
  void aReferenceGroupIsScoredAgainstItsOwnStatisticsAndReturnsThem() {
    ReferenceStatistics stored = new ReferenceStatistics(2, 50, 1.0, List.of(50, 50));
    GroupScoring.Result result =
        GroupScoring.score(GROUP, true, Rewards.of("o1-pruner(lambda=2)"), stored);

    ReferenceStatistics own = result.referenceStatistics();
    assertThat(own.samples()).isEqualTo(3);
    assertThat(own.meanLength()).isCloseTo(200, within(EXACT));
    assertThat(own.meanAccuracy()).isCloseTo(2.0 / 3, within(EXACT));
    // 200/100 − 1 + 2·(1 − 2/3): against the group's own mean length and accuracy, not stored's
    assertThat(result.scores().get(0).reward()).isCloseTo(1 + 2.0 / 3, within(EXACT));
  }

  @Test
  void otherAttemptsAreScoredAgainstTheStoredStatistics() {
    ReferenceStatistics stored = new ReferenceStatistics(2, 400, 0.5, List.of(400));
    GroupScoring.Result result =
        GroupScoring.score(GROUP, false, Rewards.of("o1-pruner(lambda=2)"), stored);

    // 400/100 − 1 + 2·(1 − 0.5) = 4 → clipped to 4; 400/300 − 1 + 1; 400/200 − 1 + 2·(0 − 0.5)
    assertThat(result.scores().get(0).reward()).isCloseTo(4.0, within(EXACT));
    assertThat(result.scores().get(1).reward()).isCloseTo(4.0 / 3, within(EXACT));
    assertThat(result.scores().get(2).reward()).isCloseTo(0.0, within(EXACT));
    assertThat(result.referenceStatistics()).isNull();
  }

  @Test
  void aRewardThatNeedsStatisticsRefusesAGroupWithoutThem() {
    assertThatThrownBy(() -> GroupScoring.score(GROUP, false, Rewards.of("o1-pruner"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference statistics");
  }

  @Test
  void onlyReferenceSamplesAndSiblingRewardsWaitForTheWholeGroup() {
    assertThat(GroupScoring.needsWholeGroup(4, false, Rewards.of("kimi"))).isTrue();
    assertThat(GroupScoring.needsWholeGroup(4, true, Rewards.of("correctness"))).isTrue();
    assertThat(GroupScoring.needsWholeGroup(4, false, Rewards.of("correctness"))).isFalse();
    assertThat(GroupScoring.needsWholeGroup(1, true, Rewards.of("kimi"))).isFalse();
  }
}
