package dev.brevity.cli;

import dev.brevity.run.RunPlan;
import dev.brevity.train.LocalRun;
import dev.brevity.train.UpdateStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevity train}: a whole pruning run in this process, without Kafka. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Runs a pruning run in one process (no Kafka): the services' driver, rewards and updates,"
            + " with sampling and scoring done in place. Prints every update; writes checkpoints"
            + " under --out.")
public final class TrainCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "Run configuration YAML (its 'method' key is required).")
  Path config;

  @Option(
      names = "--base",
      defaultValue = "models/reference",
      description = "Policy to start from (default: ${DEFAULT-VALUE}).")
  Path base;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(
      names = "--generation-batch",
      defaultValue = "64",
      description = "Sequences generated together (default: ${DEFAULT-VALUE}).")
  int generationBatch;

  @Override
  public Integer call() throws Exception {
    String yaml = Files.readString(config);
    RunPlan plan;
    try {
      plan = RunPlan.parse(dev.brevity.run.RunConfigs.method(yaml), yaml);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
    }
    String runId = out.getFileName().toString();
    long started = System.nanoTime();
    System.out.printf(
        "%-7s %-5s %8s %8s %8s %8s %8s %8s %8s %7s%n",
        "version", "stage", "reward", "accuracy", "length", "loss", "kl", "clip", "entropy", "s");
    LocalRun.Result result =
        new LocalRun(runId, plan, base, out, generationBatch)
            .run(
                p -> {
                  UpdateStats s = p.stats();
                  System.out.printf(
                      "%-7d %-5d %8.3f %8.3f %8.1f %8.4f %8.4f %8.3f %8.3f %7.1f%n",
                      p.version(),
                      p.stage(),
                      s.rewardMean(),
                      s.accuracy(),
                      s.lengthMean(),
                      s.loss(),
                      s.approxKl(),
                      s.clipFraction(),
                      s.entropy(),
                      s.seconds());
                });
    System.out.printf(
        "final version %d: %s (%.0f s)%n",
        result.finalVersion(), result.finalCheckpoint(), (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
