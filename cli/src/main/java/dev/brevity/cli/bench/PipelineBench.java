package dev.brevity.cli.bench;

import dev.brevity.cli.follow.RunSubmission;
import dev.brevity.cli.follow.RunTracker;
import dev.brevity.cli.follow.RunWatch;
import dev.brevity.cli.kafka.TopicReader;
import dev.brevity.cli.local.BrevityHome;
import dev.brevity.cli.local.LocalStack;
import dev.brevity.cli.local.Terminal;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.RunState;
import dev.brevity.events.Trace;
import dev.brevity.launcher.PackagedService;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline as it runs: the local stack (broker and services as processes, evaluation off) and
 * the same small GRPO run, repeated, synchronous (η = 0) and one-step asynchronous (η = 1)
 * alternately, then η = 1 with a second sampler process. From each run: the trainer's and the
 * samplers' idle fractions, generated tokens per second, wall time, and the checkpoint publish
 * pause.
 */
public final class PipelineBench implements BenchSection {

  /** The benchmark run: 6 updates of 8 prompts × 4 samples, at most 200 new tokens. */
  static final String RUN =
      """
      method: grpo
      reward: correctness
      per-level: 4
      prompts-per-step: 8
      samples: 4
      max-new-tokens: 200
      steps-per-stage: 6
      learning-rate: 1e-5
      max-staleness: %d
      """;

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
  private static final EventCodec CODEC = EventCodec.standard();

  /** The figures, each over {@code repeats} runs. */
  public record Figures(
      List<PipelineRun> synchronous,
      List<PipelineRun> asynchronous,
      List<PipelineRun> twoSamplers) {}

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public List<BenchRow> run(BenchOptions options) throws Exception {
    return rows(measure(BrevityHome.locate(), options.repeats(), System.err));
  }

  /** The report's rows: each figure's median and range over the repeated runs. */
  List<BenchRow> rows(Figures figures) {
    List<PipelineRun> sync = figures.synchronous();
    List<PipelineRun> async = figures.asynchronous();
    List<PipelineRun> two = figures.twoSamplers();
    List<BenchRow> rows = new ArrayList<>();
    List.of(
            rowIfMeasured(
                "trainer idle, η=0",
                percent(sync, PipelineRun::trainerIdle),
                "%",
                "Share of the synchronous run's wall time the trainer was not updating: it waits"
                    + " for the batch of its own version."),
            rowIfMeasured(
                "trainer idle, η=1",
                percent(async, PipelineRun::trainerIdle),
                "%",
                "The same with one batch in flight while the trainer updates."),
            rowIfMeasured(
                "sampler idle, η=0",
                percent(sync, PipelineRun::samplerIdle),
                "%",
                "Share of the wall time the sampler was not generating: it waits for each update"
                    + " and checkpoint."),
            rowIfMeasured(
                "sampler idle, η=1",
                percent(async, PipelineRun::samplerIdle),
                "%",
                "The same when the next batch is requested before the update ends."),
            rowIfMeasured(
                "speed-up of η=1 over η=0",
                ratios(sync, async, PipelineRun::wallSeconds),
                "×",
                "Wall time of the synchronous run over the asynchronous one, run by run (they"
                    + " alternate); verl and NeMo-RL report 1.2–1.7× for one-step-off training."),
            rowIfMeasured(
                "tokens/s, 1 sampler (η=1)",
                values(async, PipelineRun::tokensPerSecond),
                "tokens/s",
                "Tokens generated over the run's wall time with one sampler process."),
            rowIfMeasured(
                "tokens/s, 2 samplers (η=1)",
                values(two, PipelineRun::tokensPerSecond),
                "tokens/s",
                "The same with a second sampler process sharing the rollout requests."),
            rowIfMeasured(
                "scale-out, 2 samplers over 1",
                ratios(two, async, PipelineRun::tokensPerSecond),
                "×",
                "Throughput with two sampler processes over one; above 1 only where there are"
                    + " cores (or GPUs) to put the second one on."),
            rowIfMeasured(
                "publish pause, η=0",
                pauses(sync),
                "%",
                "From a checkpoint's commit to the first generation with it, as a share of the"
                    + " time since the previous checkpoint: the reload cost."),
            rowIfMeasured(
                "publish pause, η=1",
                pauses(async),
                "%",
                "The same with a batch in flight: the first request for the new version queues"
                    + " behind it."))
        .forEach(row -> row.ifPresent(rows::add));
    return rows;
  }

  /** A row, or none when nothing was measured (a run without a second version, say). */
  private Optional<BenchRow> rowIfMeasured(
      String figure, double[] values, String unit, String explanation) {
    return values.length == 0
        ? Optional.empty()
        : Optional.of(row(figure, values, unit, explanation));
  }

  private static double[] values(List<PipelineRun> runs, ToDoubleFunction<PipelineRun> value) {
    return runs.stream().mapToDouble(value).toArray();
  }

  private static double[] percent(List<PipelineRun> runs, ToDoubleFunction<PipelineRun> value) {
    return runs.stream().mapToDouble(r -> 100 * value.applyAsDouble(r)).toArray();
  }

  /** numerator / denominator, pair by pair. */
  private static double[] ratios(
      List<PipelineRun> numerator,
      List<PipelineRun> denominator,
      ToDoubleFunction<PipelineRun> value) {
    int n = Math.min(numerator.size(), denominator.size());
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = value.applyAsDouble(numerator.get(i)) / value.applyAsDouble(denominator.get(i));
    }
    return ratios;
  }

  private static double[] pauses(List<PipelineRun> runs) {
    return runs.stream()
        .flatMap(r -> r.publishPause().stream())
        .mapToDouble(p -> 100 * p)
        .toArray();
  }

  /** Runs the benchmark; {@code progress} gets a line per run. */
  public static Figures measure(BrevityHome home, int repeats, PrintStream progress)
      throws Exception {
    Path data = Files.createTempDirectory("brevity-bench-pipeline-");
    Terminal quiet = new Terminal(progress, false, Long.MAX_VALUE);
    quiet.showLogs(false);
    List<PipelineRun> synchronous = new ArrayList<>();
    List<PipelineRun> asynchronous = new ArrayList<>();
    List<PipelineRun> twoSamplers = new ArrayList<>();
    try (LocalStack stack =
        LocalStack.start(
            home,
            new LocalStack.Settings(
                data, 0, PackagedService.freePort(), Map.of("brevity.eval.enabled", "false")),
            quiet)) {
      run(stack, 0, progress); // warm-up: natives unpacked, caches filled, JIT
      for (int i = 0; i < repeats; i++) { // side by side: η = 0 and η = 1 alternate
        synchronous.add(run(stack, 0, progress));
        asynchronous.add(run(stack, 1, progress));
      }
      stack.addSampler();
      for (int i = 0; i < repeats; i++) {
        twoSamplers.add(run(stack, 1, progress));
      }
    }
    return new Figures(synchronous, asynchronous, twoSamplers);
  }

  /** One run with staleness bound {@code eta}, measured. */
  static PipelineRun run(LocalStack stack, int eta, PrintStream progress) throws Exception {
    String runId = "bench-eta" + eta + "-" + UUID.randomUUID();
    List<PackagedService> samplers =
        stack.services().stream().filter(s -> s.name().startsWith("sampler")).toList();
    double busyBefore = sum(samplers, "brevity_sampler_busy_seconds_total");
    double tokensBefore = sum(samplers, "brevity_sampler_tokens_total");
    new RunSubmission("grpo", RUN.formatted(eta)).submit(stack.bootstrapServers(), runId);
    RunTracker tracker = new RunTracker();
    try (RunWatch watch = RunWatch.follow(stack.bootstrapServers(), tracker)) {
      long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
      while (!tracker.get(runId).map(RunTracker.Run::finished).orElse(false)) {
        if (System.nanoTime() > deadline || stack.exited().isPresent()) {
          throw new IllegalStateException("benchmark run " + runId + " did not finish");
        }
        Thread.sleep(200);
      }
    }
    RunTracker.Run run = tracker.get(runId).orElseThrow();
    if (run.state() != RunState.SUCCEEDED) {
      throw new IllegalStateException(
          "benchmark run " + runId + " " + run.state() + ": " + run.message());
    }
    double busy = sum(samplers, "brevity_sampler_busy_seconds_total") - busyBefore;
    double tokens = sum(samplers, "brevity_sampler_tokens_total") - tokensBefore;
    double trainerBusy =
        stack.service("trainer").metric("brevity_trainer_busy_seconds_total", runId);
    double wall =
        Duration.between(run.acceptedAt().orElseThrow(), run.finishedAt()).toMillis() / 1000.0;
    List<CheckpointPublished> checkpoints = new ArrayList<>();
    TopicReader.readAll(
        stack.bootstrapServers(),
        Topic.CHECKPOINTS.topicName(),
        r -> {
          if (runId.equals(r.key())) {
            checkpoints.add(
                CODEC.decode(CheckpointPublished.class, r.value(), location(r.topic())));
          }
        });
    List<Trace> traces = new ArrayList<>();
    TopicReader.readAll(
        stack.bootstrapServers(),
        Topic.TRACES.topicName(),
        r -> {
          Trace trace = CODEC.decode(Trace.class, r.value(), location(r.topic()));
          if (trace.getRunId().equals(runId)) {
            traces.add(trace);
          }
        });
    PipelineRun measured =
        new PipelineRun(
            wall,
            trainerBusy,
            busy,
            samplers.size(),
            tokens,
            PipelineRun.publishPauses(run.acceptedAt().get(), checkpoints, traces));
    progress.printf(
        "pipeline: η=%d, %d sampler(s): %.1f s, trainer idle %.0f %%, sampler idle %.0f %%,"
            + " %.0f tokens/s%n",
        eta,
        samplers.size(),
        wall,
        100 * measured.trainerIdle(),
        100 * measured.samplerIdle(),
        measured.tokensPerSecond());
    return measured;
  }

  private static double sum(List<PackagedService> services, String metric) {
    double sum = 0;
    for (PackagedService service : services) {
      sum += service.metric(metric, "");
    }
    return sum;
  }

  private static RecordLocation location(String topic) {
    return RecordLocation.ofTopic(topic);
  }
}
