package dev.brevity.cli.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The pipeline figures as a table: median and range over the repeated runs. */
public final class PipelineReport {

  private PipelineReport() {}

  public static void print(PipelineBench.Figures figures, PrintStream out) {
    out.printf("%-44s %10s %22s%n", "figure", "median", "range");
    row(out, "trainer idle, η=0", figures.synchronous(), PipelineRun::trainerIdle, 100, "%");
    row(out, "trainer idle, η=1", figures.asynchronous(), PipelineRun::trainerIdle, 100, "%");
    row(out, "sampler idle, η=0", figures.synchronous(), PipelineRun::samplerIdle, 100, "%");
    row(out, "sampler idle, η=1", figures.asynchronous(), PipelineRun::samplerIdle, 100, "%");
    row(out, "wall time, η=0", figures.synchronous(), PipelineRun::wallSeconds, 1, "s");
    row(out, "wall time, η=1", figures.asynchronous(), PipelineRun::wallSeconds, 1, "s");
    ratio(
        out,
        "speed-up of η=1 over η=0 (wall time)",
        figures.synchronous(),
        figures.asynchronous(),
        PipelineRun::wallSeconds);
    row(
        out,
        "tokens/s, 1 sampler (η=1)",
        figures.asynchronous(),
        PipelineRun::tokensPerSecond,
        1,
        "");
    row(
        out,
        "tokens/s, 2 samplers (η=1)",
        figures.twoSamplers(),
        PipelineRun::tokensPerSecond,
        1,
        "");
    ratio(
        out,
        "scale-out: 2 samplers over 1 (tokens/s)",
        figures.twoSamplers(),
        figures.asynchronous(),
        PipelineRun::tokensPerSecond);
    List<Double> pauses =
        figures.asynchronous().stream().flatMap(r -> r.publishPause().stream()).toList();
    List<Double> syncPauses =
        figures.synchronous().stream().flatMap(r -> r.publishPause().stream()).toList();
    stat(out, "publish pause / update interval, η=0", syncPauses, 100, "%");
    stat(out, "publish pause / update interval, η=1", pauses, 100, "%");
  }

  private static void row(
      PrintStream out,
      String figure,
      List<PipelineRun> runs,
      ToDoubleFunction<PipelineRun> value,
      double scale,
      String unit) {
    stat(out, figure, runs.stream().map(r -> value.applyAsDouble(r)).toList(), scale, unit);
  }

  /** numerator / denominator, run by run (the runs alternate, so pairs ran side by side). */
  private static void ratio(
      PrintStream out,
      String figure,
      List<PipelineRun> numerator,
      List<PipelineRun> denominator,
      ToDoubleFunction<PipelineRun> value) {
    int n = Math.min(numerator.size(), denominator.size());
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = value.applyAsDouble(numerator.get(i)) / value.applyAsDouble(denominator.get(i));
    }
    stat(out, figure, Arrays.stream(ratios).boxed().toList(), 1, "x");
  }

  private static void stat(
      PrintStream out, String figure, List<Double> values, double scale, String unit) {
    if (values.isEmpty()) {
      out.printf("%-44s %10s%n", figure, "n/a");
      return;
    }
    double[] sorted = values.stream().mapToDouble(v -> v * scale).sorted().toArray();
    double median =
        sorted.length % 2 == 1
            ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    out.printf(
        Locale.ROOT,
        "%-44s %9.2f%-1s %10.2f – %-9.2f (n=%d)%n",
        figure,
        median,
        unit,
        sorted[0],
        sorted[sorted.length - 1],
        sorted.length);
  }
}
