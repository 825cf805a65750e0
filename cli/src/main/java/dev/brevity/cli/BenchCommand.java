package dev.brevity.cli;

import ai.djl.ndarray.NDManager;
import dev.brevity.cli.bench.BenchOptions;
import dev.brevity.cli.bench.BenchReport;
import dev.brevity.cli.bench.BenchRow;
import dev.brevity.cli.bench.BenchSection;
import dev.brevity.cli.bench.DecodeRuns;
import dev.brevity.cli.bench.GenerationBench;
import dev.brevity.cli.bench.PipelineBench;
import dev.brevity.cli.bench.TrainingBench;
import dev.brevity.cli.bench.TransportBench;
import dev.brevity.cli.local.BrevityHome;
import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code brevity bench}: where the time goes, each figure the median and range of repeated runs,
 * ratios measured side by side in one run. docs/PERFORMANCE.md explains every figure.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Where the time goes: each figure's median and range over repeated runs, ratios measured"
          + " side by side.",
      "Sections: generation (decode with and without the KV cache), training (PPO update"
          + " tokens/s and MFU), transport (Kafka hop latency against trace generation time),"
          + " pipeline (the local stack: idle fractions and speed-up of η=1 over η=0,"
          + " one against two samplers, the checkpoint publish pause; about 5 minutes)."
    },
    subcommands = {BenchCommand.Decode.class})
public final class BenchCommand implements Callable<Integer> {

  /** Every section, in the order they run; {@code --sections} selects among them by name. */
  static final List<BenchSection> SECTIONS =
      List.of(
          new GenerationBench(), new TrainingBench(), new TransportBench(), new PipelineBench());

  @Mixin SharedOptions.JsonReport output;

  @Mixin SharedOptions.Repeats repeats;

  @Option(
      names = "--sections",
      split = ",",
      description = "Sections to run, comma-separated (default: all, in order).")
  List<String> sections;

  @Option(
      names = "--checkpoint",
      description = "The policy to measure (default: the checkout's models/reference).")
  Path checkpoint;

  @Option(
      names = "--config",
      description =
          "Run configuration whose method and objective training times (default: the"
              + " checkout's configs/thinkprune.yaml).")
  Path config;

  @Override
  public Integer call() throws Exception {
    BrevityHome home = checkpoint == null || config == null ? BrevityHome.locate() : null;
    BenchOptions options =
        new BenchOptions(
            repeats.count,
            checkpoint != null ? checkpoint : home.referenceModel(),
            config != null ? config : home.resolve("configs/thinkprune.yaml"));
    List<BenchRow> rows = new ArrayList<>();
    for (BenchSection section : selected(sections)) {
      long started = System.nanoTime();
      rows.addAll(section.run(options));
      System.err.printf(
          "bench %s: done in %.0f s%n", section.name(), (System.nanoTime() - started) / 1e9);
    }
    System.out.print(output.json ? BenchReport.json(rows) : BenchReport.table(rows));
    return 0;
  }

  /**
   * The sections named, in the order given; all of them when {@code names} is null.
   *
   * @throws IllegalArgumentException for a name no section has, listing the valid ones
   */
  static List<BenchSection> selected(List<String> names) {
    if (names == null) {
      return SECTIONS;
    }
    List<BenchSection> out = new ArrayList<>();
    for (String name : names) {
      BenchSection section =
          SECTIONS.stream()
              .filter(s -> s.name().equalsIgnoreCase(name.trim()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown bench section '"
                              + name
                              + "'; valid sections: "
                              + SECTIONS.stream()
                                  .map(BenchSection::name)
                                  .collect(Collectors.joining(", "))));
      if (!out.contains(section)) {
        out.add(section);
      }
    }
    return out;
  }

  /** Decode throughput with and without the KV cache, at chosen batches and lengths. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Decode tokens/s of a checkpoint with the KV cache and with full recompute.")
  static final class Decode implements Callable<Integer> {

    @Mixin SharedOptions.Checkpoint checkpoint;

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

    @Mixin SharedOptions.Repeats repeats;

    @Option(names = "--no-recompute", description = "Skip the (slow) full-recompute runs.")
    boolean noRecompute;

    @Override
    public Integer call() {
      try (NDManager manager = NDManager.newBaseManager();
          Policy policy = Policy.load(checkpoint.dir, manager)) {
        Generator generator = DecodeRuns.runToLimit(policy);
        System.out.printf("%-6s %-10s %14s %10s%n", "batch", "mode", "tokens/s", "seconds");
        for (int batch : batches) {
          List<int[]> prompts = DecodeRuns.prompts(policy, batch);
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
      double[] seconds = new double[repeats.count];
      for (int i = 0; i < repeats.count; i++) {
        seconds[i] = DecodeRuns.seconds(run);
      }
      Arrays.sort(seconds);
      return seconds[repeats.count / 2];
    }
  }
}
