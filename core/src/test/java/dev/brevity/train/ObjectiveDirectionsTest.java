package dev.brevity.train;

import static dev.brevity.train.TrainFixtures.PAD;
import static dev.brevity.train.TrainFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.policy.SequenceScorer.CompletionScores;
import dev.brevity.run.RunPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direction of each regulariser, on a tiny policy whose rollouts all score the same (so the
 * policy-gradient term is zero and only the regulariser moves it): flip a sign and a test fails.
 */
class ObjectiveDirectionsTest {

  private static Rollout rollout(String request, int index, int[] completion, double reward) {
    return TrainFixtures.rollout(request, index, completion, reward, false);
  }

  /** Two groups whose samples score the same: every GRPO advantage is 0. */
  private static final List<Rollout> EQUAL_REWARDS =
      List.of(
          rollout("a", 0, new int[] {5, 6, 7, 39}, 1),
          rollout("a", 1, new int[] {8, 9, 10, 11, 12, 39}, 1),
          rollout("b", 0, new int[] {13, 39}, 0),
          rollout("b", 1, new int[] {14, 15, 16, 39}, 0));

  private static Work.Update update(List<Rollout> rollouts) {
    return new Work.Update(
        Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP, rollouts, new double[0], List.of());
  }

  private static List<CompletionScores> scores(LlamaModel model, List<Rollout> rollouts) {
    return SequenceScorer.scoreWithoutGradients(
        model,
        rollouts.stream().map(Rollout::prompt).toList(),
        rollouts.stream().map(Rollout::completion).toList(),
        PAD);
  }

  /**
   * Σ_t k3_t of one rollout, the KL estimate the trainer uses: k3 = e^d − d − 1 with d = log
   * π_ref(y_t) − log π(y_t), 0 where the two policies agree.
   */
  private static double sequenceKl(LlamaModel policy, LlamaModel reference, Rollout rollout) {
    float[] p = scores(policy, List.of(rollout)).get(0).logProbs();
    float[] q = scores(reference, List.of(rollout)).get(0).logProbs();
    double sum = 0;
    for (int t = 0; t < p.length; t++) {
      double d = q[t] - p[t];
      sum += Math.exp(d) - d - 1;
    }
    return sum;
  }

  /** A GRPO plan on correctness at learning rate 10⁻², with the {@code terms} under test. */
  private static RunPlan grpo(String terms) {
    return RunPlan.parse("grpo", "reward: correctness\nlearning-rate: 1e-2\n" + terms);
  }

  private static double meanKl(LlamaModel policy, LlamaModel reference) {
    return EQUAL_REWARDS.stream()
        .mapToDouble(r -> sequenceKl(policy, reference, r))
        .average()
        .orElseThrow();
  }

  private static double meanEntropy(LlamaModel model) {
    double sum = 0;
    int n = 0;
    for (CompletionScores s : scores(model, EQUAL_REWARDS)) {
      for (float h : s.entropy()) {
        sum += h;
        n++;
      }
    }
    return sum / n;
  }

  /** A measure of the policy, given the reference it is regularised towards. */
  private interface Measure {
    double of(LlamaModel policy, LlamaModel reference);
  }

  private record Change(double before, double after) {}

  /**
   * How {@code measure} changes over three updates on {@link #EQUAL_REWARDS} of a policy (seed 3)
   * under the GRPO plan with {@code terms}, against a reference of seed {@code referenceSeed}.
   */
  private static Change overThreeUpdates(String terms, long referenceSeed, Measure measure) {
    try (NDManager manager = NDManager.newBaseManager()) {
      LlamaModel policy = model(3, manager);
      LlamaModel reference = model(referenceSeed, manager);
      try (PolicyUpdater updater =
          new PolicyUpdater(policy, () -> model(referenceSeed, manager), grpo(terms), PAD)) {
        double before = measure.of(policy, reference);
        for (int i = 0; i < 3; i++) {
          updater.update(update(EQUAL_REWARDS));
        }
        return new Change(before, measure.of(policy, reference));
      }
    }
  }

  @Test
  void theKlTermInTheLossPullsThePolicyTowardsTheReference() {
    Change kl = overThreeUpdates("kl-coef: 1\n", 4, ObjectiveDirectionsTest::meanKl);
    assertThat(kl.after()).isLessThan(kl.before() * 0.9);
  }

  @Test
  void theEntropyBonusRaisesTheEntropy() {
    Change entropy =
        overThreeUpdates("entropy-coef: 1\n", 3, (policy, reference) -> meanEntropy(policy));
    assertThat(entropy.after()).isGreaterThan(entropy.before());
  }

  @Test
  void theKlInTheRewardFavoursTheSampleCloserToTheReference() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan = grpo("kl-coef: 1\nkl-mode: reward\n");
      LlamaModel policy = model(3, manager);
      LlamaModel reference = model(4, manager);
      List<Rollout> group =
          List.of(
              rollout("a", 0, new int[] {5, 6, 7, 39}, 1),
              rollout("a", 1, new int[] {8, 9, 10, 11, 12, 39}, 1));
      // r_i − β·Σ_t KL_t: the sample the policy has drifted further on (larger KL to π_ref)
      // scores lower, so the update makes it less likely relative to the other
      Rollout far = group.get(0);
      Rollout near = group.get(1);
      if (sequenceKl(policy, reference, far) < sequenceKl(policy, reference, near)) {
        far = group.get(1);
        near = group.get(0);
      }
      double gapBefore = logProbOf(policy, near) - logProbOf(policy, far);
      try (PolicyUpdater updater = new PolicyUpdater(policy, () -> model(4, manager), plan, PAD)) {
        updater.update(update(group));
      }
      assertThat(logProbOf(policy, near) - logProbOf(policy, far)).isGreaterThan(gapBefore);
    }
  }

  private static double logProbOf(LlamaModel model, Rollout rollout) {
    double sum = 0;
    for (float v : scores(model, List.of(rollout)).get(0).logProbs()) {
      sum += v;
    }
    return sum;
  }
}
