package dev.brevity.train;

import static dev.brevity.train.TrainFixtures.PAD;
import static dev.brevity.train.TrainFixtures.SHAPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.run.RunPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The updater on a tiny random policy: what each objective does to the weights. */
class PolicyUpdaterTest {

  private static LlamaModel model(NDManager manager) {
    return TrainFixtures.model(3, manager);
  }

  private static Rollout rollout(String request, int index, int[] completion, double reward) {
    return TrainFixtures.rollout(request, index, completion, reward, reward > 0);
  }

  private static List<Rollout> group() {
    return List.of(
        rollout("a", 0, new int[] {5, 6, 7, 39}, 1),
        rollout("a", 1, new int[] {8, 9, 10, 11, 12, 39}, 0),
        rollout("b", 0, new int[] {13, 39}, 0),
        rollout("b", 1, new int[] {14, 15, 16, 39}, 1));
  }

  private static double logProb(LlamaModel model, Rollout r) {
    float[] lp =
        SequenceScorer.scoreWithoutGradients(
                model, List.of(r.prompt()), List.of(r.completion()), PAD)
            .get(0)
            .logProbs();
    double sum = 0;
    for (float v : lp) {
      sum += v;
    }
    return sum;
  }

  private static Work.Update update(Work.Objective objective, Work.Advantage advantage) {
    return new Work.Update(objective, advantage, group(), new double[0], List.of());
  }

  @Test
  void microBatchesOnlyBoundMemory() {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<float[]> after = new ArrayList<>();
      for (int micro : new int[] {1, 4}) {
        RunPlan plan =
            RunPlan.parse(
                "grpo", "reward: correctness\nlearning-rate: 1e-2\nmicro-batch: " + micro + "\n");
        LlamaModel model = model(manager);
        try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
          updater.update(update(Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP));
          after.add(model.weights().get("model.layers.0.mlp.up_proj.weight").toFloatArray());
        }
      }
      for (int i = 0; i < after.get(0).length; i++) {
        assertThat(after.get(1)[i]).isCloseTo(after.get(0)[i], within(1e-5f));
      }
    }
  }

  @Test
  void gspoAndOverlongFilteringStillFavourTheBetterSample() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan =
          RunPlan.parse(
              "grpo",
              "reward: correctness\nlearning-rate: 1e-2\nratio: sequence\nclip-low: 0.0003\n"
                  + "clip-high: 0.0004\noverlong-filter: true\n");
      List<Rollout> all = group();
      assertUpdateFavoursFirstOverSecond(
          manager,
          plan,
          all,
          updater -> {
            // b's samples count only in their group's statistics: a alone is trained on
            Work.Update work =
                new Work.Update(
                    Work.Objective.TOKEN_CLIP,
                    Work.Advantage.GROUP,
                    all.subList(0, 2),
                    new double[0],
                    List.of(),
                    all.subList(2, 4),
                    List.of());
            UpdateStats stats = updater.update(work);
            assertThat(stats.traces()).isEqualTo(2);
            assertThat(stats.clipFraction()).isZero(); // one step: s_i = 1
          });
    }
  }

  @Test
  void grpoMakesTheBetterSampleOfEachGroupMoreLikely() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan = RunPlan.parse("grpo", "reward: correctness\nlearning-rate: 1e-2\n");
      assertUpdateFavoursFirstOverSecond(
          manager,
          plan,
          group(),
          updater -> {
            UpdateStats stats =
                updater.update(update(Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP));
            assertThat(stats.optimizerSteps()).isEqualTo(1);
            assertThat(stats.traces()).isEqualTo(4);
            assertThat(stats.accuracy()).isEqualTo(0.5);
            assertThat(stats.clipFraction()).isZero(); // one step: the ratio is 1
          });
    }
  }

  @Test
  void withoutTheStdAGroupWhoseRewardsBarelyDifferBarelyMoves() {
    // group a is split right/wrong (1, 0); group b is right twice, b/0 a little better (1, 0.98)
    List<Rollout> rollouts =
        List.of(
            rollout("a", 0, new int[] {5, 6, 7, 39}, 1),
            rollout("a", 1, new int[] {8, 9, 10, 11, 12, 39}, 0),
            rollout("b", 0, new int[] {13, 39}, 1),
            rollout("b", 1, new int[] {14, 15, 16, 39}, 0.98));
    double[] marginGain = new double[2]; // b/0 over b/1, with and without the std
    boolean[] byStd = {true, false};
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int i = 0; i < 2; i++) {
        RunPlan plan =
            RunPlan.parse(
                "grpo",
                "reward: correctness\nlearning-rate: 1e-2\nnorm-adv-by-std: " + byStd[i] + "\n");
        LlamaModel model = model(manager);
        double before = logProb(model, rollouts.get(2)) - logProb(model, rollouts.get(3));
        try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
          updater.update(
              new Work.Update(
                  Work.Objective.TOKEN_CLIP,
                  Work.Advantage.GROUP,
                  rollouts,
                  new double[0],
                  List.of()));
        }
        marginGain[i] = logProb(model, rollouts.get(2)) - logProb(model, rollouts.get(3)) - before;
      }
    }
    // with the std, b's 0.02 is stretched to a right/wrong split's advantage (±0.71)
    assertThat(marginGain[0]).isGreaterThan(0);
    assertThat(Math.abs(marginGain[1])).isLessThan(marginGain[0] / 3);
  }

  @Test
  void theKlIsTakenAgainstTheReferenceLastGiven() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan =
          RunPlan.parse("grpo", "reward: correctness\nlearning-rate: 1e-2\nkl-coef: 0.1\n");
      LlamaModel model = model(manager);
      try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
        // π_ref starts as the policy's own initial weights: the first update measures KL 0
        double atStart = klOfNextUpdate(updater);
        double drifted = klOfNextUpdate(updater);
        Map<String, NDArray> now = new LinkedHashMap<>();
        model.weights().forEach((name, w) -> now.put(name, w.duplicate()));
        updater.referTo(2, () -> new LlamaModel(SHAPE, now, manager));
        double reanchored = klOfNextUpdate(updater);
        updater.referTo( // already version 2: nothing is loaded
            2,
            () -> {
              throw new AssertionError("reloaded the reference it already has");
            });
        double kept = klOfNextUpdate(updater);

        assertThat(atStart).isCloseTo(0, within(1e-6));
        assertThat(drifted).isGreaterThan(1e-4);
        assertThat(reanchored).isCloseTo(0, within(1e-6));
        assertThat(kept).isGreaterThan(1e-4); // still against version 2, which the policy left
      }
    }
  }

  private static double klOfNextUpdate(PolicyUpdater updater) {
    return updater.update(update(Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP)).referenceKl();
  }

  @Test
  void ppoTrainsItsValueHeadTowardsTheReturns() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan =
          RunPlan.parse(
              "ppo", "reward: correctness\nlearning-rate: 3e-2\nppo-epochs: 4\nvalue-coef: 1\n");
      LlamaModel model = model(manager);
      try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
        assertThat(updater.trainable()).containsKeys(ValueHead.WEIGHT, ValueHead.BIAS);
        double first =
            updater
                .update(update(Work.Objective.TOKEN_CLIP, Work.Advantage.GAE))
                .explainedVariance();
        double later = first;
        for (int i = 0; i < 5; i++) {
          later =
              updater
                  .update(update(Work.Objective.TOKEN_CLIP, Work.Advantage.GAE))
                  .explainedVariance();
        }
        assertThat(first).isLessThanOrEqualTo(0.0); // V ≡ 0 explains nothing
        assertThat(later).isGreaterThan(first + 0.1);
      }
    }
  }

  @Test
  void sftRaisesTheLikelihoodOfItsRows() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan = RunPlan.parse("sft-shortest", "learning-rate: 1e-2\n");
      LlamaModel model = model(manager);
      Rollout row = group().get(2);
      double before = logProb(model, row);
      try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
        UpdateStats stats = updater.update(update(Work.Objective.SFT, Work.Advantage.NONE));
        assertThat(stats.loss()).isPositive();
      }
      assertThat(logProb(model, row)).isGreaterThan(before);
    }
  }

  @Test
  void dpoWidensTheMarginOfChosenOverRejected() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan = RunPlan.parse("dpo", "learning-rate: 1e-2\n");
      LlamaModel model = model(manager);
      List<Rollout> pairs = group(); // (0 chosen, 1 rejected), (2 chosen, 3 rejected)
      double margin = logProb(model, pairs.get(0)) - logProb(model, pairs.get(1));
      try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
        UpdateStats stats = updater.update(update(Work.Objective.DPO, Work.Advantage.NONE));
        assertThat(stats.loss()).isCloseTo(Math.log(2), within(1e-4)); // π = π_ref at the start
      }
      assertThat(logProb(model, pairs.get(0)) - logProb(model, pairs.get(1))).isGreaterThan(margin);
    }
  }

  @Test
  void o1SequenceRatioMovesTowardsPositiveAdvantages() {
    try (NDManager manager = NDManager.newBaseManager()) {
      RunPlan plan = RunPlan.parse("o1-pruner", "reward: o1-pruner\nlearning-rate: 1e-2\n");
      List<Rollout> rows = group();
      assertUpdateFavoursFirstOverSecond(
          manager,
          plan,
          rows,
          updater ->
              updater.update(
                  new Work.Update(
                      Work.Objective.SEQUENCE_CLIP_VS_REFERENCE,
                      Work.Advantage.GIVEN,
                      rows,
                      new double[] {1.5, -1.5, 0, 0},
                      List.of())));
    }
  }

  /**
   * Runs {@code update} on a fresh model under {@code plan} and asserts that it made the first of
   * {@code rows} more likely and the second less likely.
   */
  private static void assertUpdateFavoursFirstOverSecond(
      NDManager manager, RunPlan plan, List<Rollout> rows, Consumer<PolicyUpdater> update) {
    LlamaModel model = model(manager);
    double first = logProb(model, rows.get(0));
    double second = logProb(model, rows.get(1));
    try (PolicyUpdater updater = new PolicyUpdater(model, () -> model(manager), plan, PAD)) {
      update.accept(updater);
    }
    assertThat(logProb(model, rows.get(0))).isGreaterThan(first);
    assertThat(logProb(model, rows.get(1))).isLessThan(second);
  }
}
