package dev.brevity.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.run.RunPlan;
import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimator and scaling a plan names reach the advantages: two groups, "a" with rewards 1, 0
 * and "b" with 1, 1 (a group that agrees), every completion 2 tokens unless said.
 */
class SequenceAdvantagesTest {

  private static final double EXACT = 1e-9;

  private static Rollout rollout(String group, int index, double reward, int length) {
    return new Rollout(
        group + "/" + index,
        group,
        "p",
        1,
        index,
        0,
        0,
        false,
        new int[] {1},
        new int[length],
        new float[length],
        true,
        reward,
        reward > 0);
  }

  private static final List<Rollout> TWO_GROUPS =
      List.of(
          rollout("a", 0, 1, 2),
          rollout("a", 1, 0, 2),
          rollout("b", 0, 1, 2),
          rollout("b", 1, 1, 2));

  private static double[] advantages(String yaml, List<Rollout> rollouts) {
    RunPlan plan = RunPlan.parse("grpo", "reward: correctness\n" + yaml);
    Work.Update work =
        new Work.Update(
            Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP, rollouts, new double[0], List.of());
    double[] rewards = rollouts.stream().mapToDouble(Rollout::reward).toArray();
    return SequenceAdvantages.of(work, rollouts, rewards, plan);
  }

  @Test
  void grpoDividesByTheGroupsStdByDefault() {
    // group a: mean 1/2, unbiased std √(1/2): ±(1/2)/√(1/2) = ±√(1/2); group b: 0
    double half = 0.5 / (Math.sqrt(0.5) + 1e-6);
    assertThat(advantages("", TWO_GROUPS))
        .containsExactly(new double[] {half, -half, 0, 0}, within(EXACT));
  }

  @Test
  void batchScalingDividesTheGroupCentredAdvantageByTheBatchsStd() {
    // rewards 1, 0, 1, 1: batch std (Bessel) 1/2; centred within groups: 1/2, −1/2, 0, 0
    double one = 0.5 / (0.5 + 1e-6);
    assertThat(advantages("scale-rewards: batch\n", TWO_GROUPS))
        .containsExactly(new double[] {one, -one, 0, 0}, within(EXACT));
  }

  @Test
  void noScalingKeepsTheCentredRewardAsNormAdvByStdFalseDoes() {
    double[] none = advantages("scale-rewards: none\n", TWO_GROUPS);
    assertThat(none).containsExactly(new double[] {0.5, -0.5, 0, 0}, within(EXACT));
    assertThat(advantages("norm-adv-by-std: false\n", TWO_GROUPS))
        .containsExactly(none, within(EXACT));
  }

  @Test
  void rlooTakesTheLeaveOneOutBaselineWithinEachGroup() {
    // group a: 1 − 0 = 1, 0 − 1 = −1; group b: 0
    assertThat(advantages("advantage: rloo\n", TWO_GROUPS))
        .containsExactly(new double[] {1, -1, 0, 0}, within(EXACT));
  }

  @Test
  void reinforcePlusPlusWhitensOverTheBatchAndItsBaselineVariantCentresFirst() {
    // rewards 1, 0, 1, 1 over 2 tokens each: N = 8, token mean 3/4,
    // σ² = 2·(3·(1/4)² + (3/4)²)/8 · 8/7 = 3/14 → (1/4)/σ, (−3/4)/σ, (1/4)/σ, (1/4)/σ
    double sigma = Math.sqrt(3.0 / 14);
    double up = 0.25 / sigma;
    assertThat(advantages("advantage: reinforce-plus-plus\n", TWO_GROUPS))
        .containsExactly(new double[] {up, -3 * up, up, up}, within(1e-6));
    // centred 1/2, −1/2, 0, 0: mean 0, σ² = (2·2·1/4)/8 · 8/7 = 1/7 → ±(1/2)·√7, 0, 0
    double scaled = 0.5 * Math.sqrt(7);
    assertThat(advantages("advantage: reinforce-plus-plus-baseline\n", TWO_GROUPS))
        .containsExactly(new double[] {scaled, -scaled, 0, 0}, within(1e-6));
  }

  @Test
  void aRolloutMaskedFromTheLossStillCountsInItsGroupsStatistics() {
    // overlong filtering: group a trains on rewards 1, 0; a third sample, cut at the limit, scored
    // 0
    RunPlan plan = RunPlan.parse("grpo", "reward: correctness\noverlong-filter: true\n");
    Work.Update work =
        new Work.Update(
            Work.Objective.TOKEN_CLIP,
            Work.Advantage.GROUP,
            List.of(rollout("a", 0, 1, 2), rollout("a", 1, 0, 2)),
            new double[0],
            List.of(),
            List.of(rollout("a", 2, 0, 9)),
            List.of());
    // rewards 1, 0, 0: mean 1/3, unbiased std √(1/3): (2/3)/√(1/3), (−1/3)/√(1/3)
    double std = Math.sqrt(1.0 / 3) + 1e-6;
    assertThat(
            SequenceAdvantages.withStatisticsOnly(
                work, new double[] {1, 0}, new double[] {0}, plan))
        .containsExactly(new double[] {(2.0 / 3) / std, (-1.0 / 3) / std}, within(EXACT));
  }
}
