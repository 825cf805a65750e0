package dev.brevity.cli;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Prompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code brevity bench}: measurements a user can reproduce. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (medians of repeated runs, ratios measured side by side).",
    subcommands = {BenchCommand.Decode.class, BenchCommand.Pipeline.class})
public final class BenchCommand {

  /** The pipeline on the local stack: η = 0 vs 1, one vs two samplers, the publish pause. */
  @Command(
      name = "pipeline",
      mixinStandardHelpOptions = true,
      description = "Idle fractions, speed-up of η = 1, scale-out and publish pause of real runs.")
  static final class Pipeline implements Callable<Integer> {

    @Option(
        names = "--repeats",
        defaultValue = "2",
        description = "Runs of each kind (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
      dev.brevity.cli.bench.PipelineBench.Figures figures =
          dev.brevity.cli.bench.PipelineBench.measure(
              dev.brevity.cli.local.BrevityHome.locate(), repeats, System.err);
      dev.brevity.cli.bench.PipelineReport.print(figures, System.out);
      return 0;
    }
  }

  /** Decode throughput with and without the KV cache. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Decode tokens/s of a checkpoint with the KV cache and with full recompute.")
  static final class Decode implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "Checkpoint directory.")
    Path checkpoint;

    @Option(
        names = "--batches",
        split = ",",
        defaultValue = "1,16,64",
        description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(
        names = "--tokens",
        defaultValue = "256",
        description =
            "Tokens generated per sequence, end-of-text ignored (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(
        names = "--repeats",
        defaultValue = "3",
        description = "Runs per cell; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--no-recompute", description = "Skip the (slow) full-recompute runs.")
    boolean noRecompute;

    @Override
    public Integer call() {
      try (NDManager manager = NDManager.newBaseManager();
          Policy policy = Policy.load(checkpoint, manager)) {
        // No end-of-sequence token: every sequence runs to the full length.
        Generator generator =
            new Generator(policy.model(), policy.tokenizer(), Set.of(), policy.padId());
        System.out.printf("%-6s %-10s %14s %10s%n", "batch", "mode", "tokens/s", "seconds");
        for (int batch : batches) {
          List<int[]> prompts = new ArrayList<>();
          ArithmeticTask.examples(Split.EVAL, 4, batch, 1)
              .forEach(e -> prompts.add(policy.tokenizer().encode(Prompts.of(e.problem()))));
          SamplingConfig sampling = SamplingConfig.greedy(tokens);
          generator.generate(prompts.subList(0, 1), SamplingConfig.greedy(8)); // warm-up
          double cached = median(() -> generator.generate(prompts, sampling));
          report(batch, "kv-cache", cached);
          if (!noRecompute) {
            double recompute = median(() -> generator.generateWithoutCache(prompts, sampling));
            report(batch, "recompute", recompute);
            System.out.printf("%-6d %-10s %13.1fx%n", batch, "speed-up", recompute / cached);
          }
        }
      }
      return 0;
    }

    private void report(int batch, String mode, double seconds) {
      System.out.printf(
          "%-6d %-10s %14.1f %10.2f%n", batch, mode, batch * (double) tokens / seconds, seconds);
    }

    private double median(Runnable run) {
      double[] seconds = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        long started = System.nanoTime();
        run.run();
        seconds[i] = (System.nanoTime() - started) / 1e9;
      }
      Arrays.sort(seconds);
      return seconds[repeats / 2];
    }
  }
}
