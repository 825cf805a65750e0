package dev.brevity.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import dev.brevity.policy.checkpoint.HfCheckpoint;
import dev.brevity.train.DecidedFate;
import dev.brevity.train.LocalRun;
import dev.brevity.train.UpdateStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a run trained by the services with the same run trained by {@code brevity train} ({@link
 * LocalRun}): weights, trace fates and training metrics.
 */
final class RunParity {

  /** How far two float32 weights or metrics computed the same way may lie apart. */
  static final double TOLERANCE = 1e-6;

  private RunParity() {}

  /**
   * Every tensor of the two checkpoints, weights and optimizer state, is equal within {@link
   * #TOLERANCE}.
   */
  static void assertSameTensors(Path services, Path local) {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfCheckpoint.Loaded a = HfCheckpoint.read(services, manager);
      HfCheckpoint.Loaded b = HfCheckpoint.read(local, manager);
      assertClose(a.weights(), b.weights(), services);
      assertClose(a.optimizerState(), b.optimizerState(), services);
    }
  }

  private static void assertClose(Map<String, NDArray> a, Map<String, NDArray> b, Path where) {
    {
      assertThat(b.keySet()).as("tensor names of %s", where).isEqualTo(a.keySet());
      for (String name : a.keySet()) {
        float[] x = a.get(name).toFloatArray();
        float[] y = b.get(name).toFloatArray();
        assertThat(y).as(name).hasSameSizeAs(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
          worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        assertThat(worst)
            .as("largest difference of %s in %s", name, where)
            .isLessThanOrEqualTo(TOLERANCE);
      }
    }
  }

  /** The same traces got the same fates, trained at the same versions. */
  static void assertSameFates(List<TraceFate> services, List<DecidedFate> local) {
    Map<String, String> a =
        services.stream()
            .collect(
                Collectors.toMap(
                    TraceFate::getTraceId,
                    f ->
                        f.getFate().name()
                            + "@"
                            + (f.getTrainedAtVersion() == null ? -1 : f.getTrainedAtVersion())));
    Map<String, String> b =
        local.stream()
            .collect(
                Collectors.toMap(DecidedFate::traceId, f -> f.kind() + "@" + f.trainedAtVersion()));
    assertThat(b).isEqualTo(a);
  }

  /** Every update's diagnostics agree (all but its wall time). */
  static void assertSameMetrics(List<TrainingStep> services, List<LocalRun.Progress> local) {
    Map<Long, TrainingStep> byVersion =
        services.stream()
            .collect(Collectors.toMap(TrainingStep::getPolicyVersion, Function.identity()));
    assertThat(byVersion.keySet())
        .isEqualTo(local.stream().map(LocalRun.Progress::version).collect(Collectors.toSet()));
    for (LocalRun.Progress progress : local) {
      TrainingStep step = byVersion.get(progress.version());
      UpdateStats stats = progress.stats();
      String v = "version " + progress.version() + ": ";
      assertThat(step.getTraces()).as(v + "traces").isEqualTo(stats.traces());
      assertThat(step.getLoss()).as(v + "loss").isCloseTo(stats.loss(), within(TOLERANCE));
      assertThat(step.getApproxKl())
          .as(v + "approx KL")
          .isCloseTo(stats.approxKl(), within(TOLERANCE));
      assertThat(step.getClipFraction())
          .as(v + "clip fraction")
          .isCloseTo(stats.clipFraction(), within(TOLERANCE));
      assertThat(step.getEntropy()).as(v + "entropy").isCloseTo(stats.entropy(), within(TOLERANCE));
      assertThat(step.getRewardMean()).as(v + "reward").isEqualTo(stats.rewardMean());
      assertThat(step.getRewardStd()).as(v + "reward std").isEqualTo(stats.rewardStd());
      assertThat(step.getLengthMean()).as(v + "length").isEqualTo(stats.lengthMean());
      assertThat(step.getExtra().get("accuracy")).as(v + "accuracy").isEqualTo(stats.accuracy());
      assertThat(step.getExtra().get("gradNorm"))
          .as(v + "gradient norm")
          .isCloseTo(stats.gradNorm(), within(TOLERANCE * Math.max(1, stats.gradNorm())));
      assertThat(step.getExtra().get("optimizerSteps"))
          .as(v + "optimizer steps")
          .isEqualTo((double) stats.optimizerSteps());
    }
  }
}
