package dev.brevity.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.checkpoint.HfCheckpoint;
import dev.brevity.task.Traces.Framing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTrainerTest {

  /** A tiny recipe: one block, width 32, 14 problems, 6 steps. */
  static SftConfig tiny(int steps) {
    return new SftConfig(
        32, 1, 4, 64, 1024, 2, steps, 4, 3e-3, 3e-4, 2, 1.0, 5, 2, Framing.ALWAYS, true);
  }

  @TempDir Path dir;

  @Test
  void lossFallsAndAnInterruptedRunResumesToTheSameWeights() {
    List<Double> losses = new ArrayList<>();
    Path straight = SftTrainer.train(tiny(6), dir.resolve("straight"), p -> losses.add(p.loss()));

    Path resumedDir = dir.resolve("resumed");
    SftTrainer.train(tiny(6), resumedDir, p -> {}, 3, null); // "killed" after step 3
    List<Integer> resumedSteps = new ArrayList<>();
    Path resumed = SftTrainer.train(tiny(6), resumedDir, p -> resumedSteps.add(p.step()));

    assertThat(losses).hasSize(6);
    assertThat(losses.get(5)).isLessThan(losses.get(0));
    assertThat(resumedSteps).containsExactly(4, 5, 6);
    try (NDManager manager = NDManager.newBaseManager()) {
      var a = HfCheckpoint.read(straight, manager);
      var b = HfCheckpoint.read(resumed, manager);
      assertThat(b.trainerStateJson().orElseThrow()).contains("\"step\":6");
      assertThat(a.weights().keySet()).isEqualTo(b.weights().keySet());
      assertSameWeights(a, b);
      assertThat(a.optimizerState().keySet()).isEqualTo(b.optimizerState().keySet());
    }
  }

  @Test
  void aSecondStageStartsFromTheGivenWeightsAndTrainsOnFramedTraces() {
    Path first = SftTrainer.train(tiny(2), dir.resolve("first"), p -> {});
    List<Double> fullLoss = new ArrayList<>();
    List<Double> bareLoss = new ArrayList<>();

    // A learning rate of 0 leaves the weights as they start: the first stage's.
    Path kept =
        SftTrainer.train(
            frozen(Framing.ALWAYS), dir.resolve("full"), p -> fullLoss.add(p.loss()), 1, first);
    SftTrainer.train(
        frozen(new Framing(0, 0, 0)), dir.resolve("bare"), p -> bareLoss.add(p.loss()), 1, first);

    try (NDManager manager = NDManager.newBaseManager()) {
      var a = HfCheckpoint.read(first, manager);
      var b = HfCheckpoint.read(kept, manager);
      assertSameWeights(a, b);
    }
    // The same problems and order, without restatement, plan and confirmation: other targets.
    assertThat(bareLoss.get(0)).isNotEqualTo(fullLoss.get(0));
  }

  private static void assertSameWeights(HfCheckpoint.Loaded a, HfCheckpoint.Loaded b) {
    assertThat(b.weights().keySet()).isEqualTo(a.weights().keySet());
    a.weights()
        .forEach(
            (name, w) ->
                assertThat(b.weights().get(name).toFloatArray())
                    .as(name)
                    .containsExactly(w.toFloatArray()));
  }

  private static SftConfig frozen(Framing framing) {
    SftConfig t = tiny(1);
    return new SftConfig(
        t.hidden(),
        t.layers(),
        t.heads(),
        t.intermediate(),
        t.maxPositions(),
        t.perLevel(),
        1,
        t.batchSize(),
        0,
        0,
        1,
        t.gradClip(),
        t.seed(),
        1,
        framing,
        true);
  }

  @Test
  void resumingWithAnotherRecipeIsRefused() {
    Path out = dir.resolve("run");
    SftTrainer.train(tiny(2), out, p -> {});

    assertThatThrownBy(() -> SftTrainer.train(tiny(3), out, p -> {}))
        .hasMessageStartingWith("cannot resume " + out.resolve("last"));
  }

  @Test
  void learningRateWarmsUpThenDecays() {
    SftConfig config = SftConfig.reference();

    assertThat(config.learningRateAt(0)).isEqualTo(config.learningRate() / config.warmupSteps());
    assertThat(config.learningRateAt(config.warmupSteps() - 1)).isEqualTo(config.learningRate());
    assertThat(config.learningRateAt(config.steps() - 1))
        .isCloseTo(config.minLearningRate(), org.assertj.core.data.Offset.offset(1e-6));
  }
}
