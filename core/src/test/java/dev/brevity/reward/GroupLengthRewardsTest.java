package dev.brevity.reward;

import static dev.brevity.reward.Attempts.right;
import static dev.brevity.reward.Attempts.wrong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ShorterBetter and ALP, the 2025 rewards that read the whole group, by hand. */
class GroupLengthRewardsTest {

  private static final double EXACT = 1e-12;

  private static double reward(String spec, Attempt attempt, List<Attempt> group) {
    return Rewards.of(spec).score(attempt, group, null).reward();
  }

  @Test
  void shorterBetterMeasuresFromTheShortestCorrectSample() {
    List<Attempt> group = List.of(right(200), right(120), wrong(80), right(300));
    // SOL = 120 (the wrong 80 does not count): 2·1 − 0.001·|200 − 120| = 1.92
    assertThat(ShorterBetterReward.sampleOptimalLength(group)).isEqualTo(120);
    assertThat(reward("shorter-better", group.get(0), group)).isCloseTo(1.92, within(EXACT));
    assertThat(reward("shorter-better", group.get(1), group)).isCloseTo(2.0, within(EXACT));
    // the wrong short one is also penalised for being off the SOL: 0 − 0.001·40
    assertThat(reward("shorter-better", group.get(2), group)).isCloseTo(-0.04, within(EXACT));
    // α = 1, β = 0.01: 1 − 0.01·180
    assertThat(reward("shorter-better(alpha=1, beta=0.01)", group.get(3), group))
        .isCloseTo(-0.8, within(EXACT));
  }

  @Test
  void shorterBetterFallsBackToTheMeanLengthWhenNothingIsRight() {
    List<Attempt> group = List.of(wrong(100), wrong(300));
    // SOL = 200: 0 − 0.001·100 for both
    assertThat(ShorterBetterReward.sampleOptimalLength(group)).isEqualTo(200);
    assertThat(reward("shorter-better", group.get(0), group)).isCloseTo(-0.1, within(EXACT));
    assertThat(reward("shorter-better", group.get(1), group)).isCloseTo(-0.1, within(EXACT));
  }

  @Test
  void alpChargesEasyPromptsMoreForTheSameLength() {
    List<Attempt> easy = List.of(right(200), right(100), right(100), right(100));
    List<Attempt> hard = List.of(right(200), wrong(100), wrong(100), wrong(100));
    // easy: p = 1 → 1 − 0.5·1·200/400 = 0.75; hard: p = 1/4 → 1 − 0.5·0.25·200/400 = 0.9375
    assertThat(reward("alp(norm=400)", easy.get(0), easy)).isCloseTo(0.75, within(EXACT));
    assertThat(reward("alp(norm=400)", hard.get(0), hard)).isCloseTo(0.9375, within(EXACT));
  }

  @Test
  void alpNeverLetsThePenaltyVanish() {
    List<Attempt> unsolved = List.of(wrong(400), wrong(100));
    // p = 0 → max(0, 1/2): 0 − 1·0.5·400/400
    assertThat(reward("alp(norm=400, beta=1)", unsolved.get(0), unsolved))
        .isCloseTo(-0.5, within(EXACT));
  }

  @Test
  void bothWaitForTheWholeGroupAndHaveVersionIds() {
    assertThat(Rewards.of("shorter-better").needsGroup()).isTrue();
    assertThat(Rewards.of("alp(norm=512)").needsGroup()).isTrue();
    assertThat(Rewards.of("shorter-better").versionId())
        .isEqualTo("shorter-better(alpha=2,beta=0.001)@1.v3");
    assertThat(Rewards.of("alp(norm=512)").versionId()).isEqualTo("alp(norm=512,beta=0.5)@1.v3");
  }
}
