package dev.brevity.reward;

import static dev.brevity.reward.Attempts.cutWithRightAnswer;
import static dev.brevity.reward.Attempts.right;
import static dev.brevity.reward.Attempts.wrong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every length-aware reward against values computed by hand from its equation. */
class LengthRewardsTest {

  private static final double EXACT = 1e-12;

  private static double reward(String spec, Attempt attempt) {
    return Rewards.of(spec).score(attempt, List.of(attempt), null).reward();
  }

  private static double reward(String spec, Attempt attempt, List<Attempt> group) {
    return Rewards.of(spec).score(attempt, group, null).reward();
  }

  /** The reward of each member of {@code group}, in order. */
  private static double[] rewards(String spec, List<Attempt> group) {
    return group.stream().mapToDouble(attempt -> reward(spec, attempt, group)).toArray();
  }

  @Test
  void o1PrunerRewardsShorterAndMoreAccurateThanTheReference() {
    ReferenceStatistics reference = new ReferenceStatistics(4, 300, 0.5, List.of(250, 350));
    VersionedReward o1 = Rewards.of("o1-pruner");

    // 300/150 − 1 + 2·(1 − 0.5) = 1 + 1
    Score half = o1.score(right(150), List.of(), reference);
    assertThat(half.reward()).isCloseTo(2.0, within(EXACT));
    assertThat(half.components())
        .containsEntry("lengthTerm", 1.0)
        .containsEntry("accuracyTerm", 1.0)
        .containsEntry("correctness", 1.0);
    // 300/600 − 1 + 2·(0 − 0.5) = −0.5 − 1
    assertThat(o1.score(wrong(600), List.of(), reference).reward()).isCloseTo(-1.5, within(EXACT));
    // λ = 5: 300/300 − 1 + 5·(1 − 0.5)
    assertThat(Rewards.of("o1-pruner(lambda=5)").score(right(300), List.of(), reference).reward())
        .isCloseTo(2.5, within(EXACT));
  }

  @Test
  void o1PrunerCountsARightAnswerInACutTraceAsItsCodeDoes() {
    ReferenceStatistics reference = new ReferenceStatistics(4, 300, 0.5, List.of(250, 350));
    // cut at the limit with a right answer: lenient (the code) 300/300 − 1 + 2·(1 − 0.5) = 1
    assertThat(
            Rewards.of("o1-pruner").score(cutWithRightAnswer(300), List.of(), reference).reward())
        .isCloseTo(1.0, within(EXACT));
    // lenient=false requires the end-of-text token: 0 + 2·(0 − 0.5) = −1
    assertThat(
            Rewards.of("o1-pruner(lenient=false)")
                .score(cutWithRightAnswer(300), List.of(), reference)
                .reward())
        .isCloseTo(-1.0, within(EXACT));
  }

  @Test
  void o1PrunerClipsToMinusTwoAndFour() {
    ReferenceStatistics reference = new ReferenceStatistics(2, 300, 1.0, List.of(300, 300));
    VersionedReward o1 = Rewards.of("o1-pruner(lambda=2)");
    // 300/30 − 1 + 0 = 9 → 4
    Score tiny = o1.score(right(30), List.of(), reference);
    assertThat(tiny.reward()).isEqualTo(4.0);
    assertThat(tiny.components().get("unclipped")).isCloseTo(9.0, within(EXACT));
    // 300/3000 − 1 + 2·(0 − 1) = −2.9 → −2
    assertThat(o1.score(wrong(3000), List.of(), reference).reward()).isEqualTo(-2.0);
  }

  @Test
  void thinkPruneCountsOnlyFinishedRightAnswersWithinTheLimit() {
    assertThat(reward("thinkprune(limit=256)", right(200))).isEqualTo(1.0);
    assertThat(reward("thinkprune(limit=256)", right(256))).isEqualTo(1.0);
    assertThat(reward("thinkprune(limit=256)", wrong(200))).isZero();
    assertThat(reward("thinkprune(limit=256)", cutWithRightAnswer(256))).isZero();
    assertThat(reward("thinkprune(limit=256)", right(257))).isZero();
  }

  @Test
  void thinkPruneLenientCountsARightAnswerInACutTraceAsItsCodeDoes() {
    assertThat(reward("thinkprune(limit=256, lenient=true)", cutWithRightAnswer(256)))
        .isEqualTo(1.0);
    assertThat(reward("thinkprune(limit=256, lenient=true)", new Attempt(256, false, false)))
        .isZero();
    assertThat(reward("thinkprune(limit=256, lenient=true)", cutWithRightAnswer(300))).isZero();
  }

  @Test
  void kimiRewardsTheShortestOfTheGroupAndPenalisesLongWrongOnes() {
    Attempt longWrong = wrong(300);
    List<Attempt> group = List.of(right(100), wrong(200), right(300), longWrong);

    // λ = 0.5 − (len − 100)/(300 − 100): 0.5, 0, −0.5
    assertThat(rewards("kimi", group))
        .containsExactly(new double[] {1.5, 0.0, 0.5, -0.5}, within(EXACT));
    assertThat(reward("kimi(weight=0.2)", longWrong, group)).isCloseTo(-0.1, within(EXACT));
    // a wrong trace never gains from being short: min(0, 0.5) = 0
    Attempt shortWrong = wrong(100);
    assertThat(reward("kimi", shortWrong, List.of(shortWrong, right(300)))).isZero();
  }

  @Test
  void kimiGivesNoLengthRewardWhenAllLengthsAreEqual() {
    assertThat(rewards("kimi", List.of(right(150), wrong(150)))).containsExactly(1.0, 0.0);
  }

  @Test
  void l1ExactPenalisesDistanceFromTheTarget() {
    // 1 − 0.0003·|200 − 300|
    assertThat(reward("l1-exact(target=200)", right(300))).isCloseTo(0.97, within(EXACT));
    // 0 − 0.0003·|200 − 100|
    assertThat(reward("l1-exact(target=200)", wrong(100))).isCloseTo(-0.03, within(EXACT));
    assertThat(reward("l1-exact(target=200, alpha=0.001)", right(150)))
        .isCloseTo(0.95, within(EXACT));
  }

  @Test
  void l1MaxScalesCorrectnessByTheClippedBudgetMargin() {
    // clip(0.001·(200 − 300) + 0.5, 0, 1) = 0.4
    assertThat(reward("l1-max(target=200, alpha=0.001)", right(300))).isCloseTo(0.4, within(EXACT));
    // clip(0.001·(200 − 100) + 0.5) = 0.6
    assertThat(reward("l1-max(target=200, alpha=0.001)", right(100))).isCloseTo(0.6, within(EXACT));
    // clip(−0.3) = 0 and clip(1.1) = 1
    assertThat(reward("l1-max(target=200, alpha=0.001)", right(1000))).isZero();
    assertThat(reward("l1-max(target=1000, alpha=0.001)", right(400))).isEqualTo(1.0);
    assertThat(reward("l1-max(target=200, alpha=0.001)", wrong(100))).isZero();
  }

  @Test
  void dapoPunishesOnlyInsideTheCacheBandAndBeyond() {
    String spec = "dapo-overlong(max=900, cache=180)";
    assertThat(reward(spec, right(700))).isEqualTo(1.0); // below 720: no penalty
    assertThat(reward(spec, right(720))).isEqualTo(1.0);
    assertThat(reward(spec, right(810))).isCloseTo(0.5, within(EXACT)); // (720 − 810)/180
    assertThat(reward(spec, right(900))).isCloseTo(0.0, within(EXACT)); // (720 − 900)/180
    assertThat(reward(spec, wrong(950))).isEqualTo(-2.0); // −1 − 1
    assertThat(reward(spec, wrong(100))).isEqualTo(-1.0);
    assertThat(reward("dapo-overlong(max=900, cache=180, factor=0.5)", right(810)))
        .isCloseTo(0.75, within(EXACT));
  }

  @Test
  void sigmoidLengthPenalisesCorrectTracesLongerThanTheirCorrectSiblings() {
    Attempt a = right(100);
    Attempt b = right(200);
    Attempt c = right(300);
    Attempt w = wrong(50);
    List<Attempt> group = List.of(a, b, c, w);
    // μ = 200, s = sqrt(20000/3) = 81.6497 (wrong sibling ignored)
    // c: z = 1.2247449, σ(z) = 0.7728975, r = 1 − 0.1·0.7728975
    assertThat(reward("sigmoid-length", c, group)).isCloseTo(0.9227102519, within(1e-9));
    assertThat(reward("sigmoid-length", b, group)).isCloseTo(0.95, within(1e-9)); // σ(0) = 0.5
    assertThat(reward("sigmoid-length", a, group))
        .isCloseTo(1 - 0.1 * (1 - 0.7728974806), within(1e-9));
    assertThat(reward("sigmoid-length", w, group)).isZero();
    Attempt cut = cutWithRightAnswer(100);
    assertThat(reward("sigmoid-length", cut, List.of(cut, b))).isZero();
    // a lone correct trace: z = 0, r = 1 − α/2
    assertThat(reward("sigmoid-length(alpha=0.4)", b, List.of(b, w))).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void groupRewardsRefuseATraceOutsideItsGroup() {
    Attempt stranger = right(123);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Rewards.of("kimi").score(stranger, List.of(right(100), wrong(300)), null))
        .hasMessageContaining("not in it");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Rewards.of("o1-pruner").score(stranger, List.of(stranger), null))
        .hasMessageContaining("reference statistics");
  }
}
