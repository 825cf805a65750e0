package dev.brevity.cli;

import dev.brevity.cli.replay.Replay;
import dev.brevity.cli.replay.ReplayDiff;
import dev.brevity.cli.replay.ReplayPublisher;
import dev.brevity.cli.replay.ReplayReport;
import dev.brevity.cli.replay.RunHistory;
import dev.brevity.cli.replay.RunHistoryReader;
import dev.brevity.cli.replay.VersionRange;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code brevity replay}: re-scores a run's traces from the log with another reward (or its own)
 * and shows how the scores differ from the originals.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-scores a run's traces on brevity.traces with a reward, exactly as the reward-service"
          + " does, and compares the new scores with the originals on brevity.scored-traces.",
      "Without --reward, each trace is re-scored with its run's own spec for its stage, which"
          + " reproduces every original score."
    })
public final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--run", required = true, description = "The run id.")
  String runId;

  @Option(
      names = "--reward",
      description =
          "Reward spec to re-score with, e.g. 'o1-pruner(lambda=2)' (default: the run's).")
  String reward;

  @Option(
      names = "--versions",
      description = "Policy versions, inclusive: A..B, A.., ..B or N (default: all).")
  String versions;

  @Option(
      names = "--limit",
      description = "Stop after this many traces, rounded up to whole groups (default: all).")
  int limit;

  @Option(names = "--top", defaultValue = "10", description = "Traces to list that changed most.")
  int top;

  @Option(
      names = "--publish",
      description = "Write the new scores to brevity.replayed-traces (one transaction).")
  boolean publish;

  @Mixin SharedOptions.Bootstrap bootstrap;

  @Mixin SharedOptions.JsonReport output;

  @Override
  public Integer call() {
    VersionRange range = versions == null ? VersionRange.ALL : VersionRange.parse(versions);
    VersionedReward scoring = reward == null ? null : Rewards.of(reward);
    if (limit < 0 || top < 0) {
      throw new IllegalArgumentException("--limit and --top must be >= 0");
    }
    String servers = bootstrap.reachable();
    RunHistory history = RunHistoryReader.read(servers, runId);
    Replay.Result result = Replay.run(history, scoring, range, limit, Instant.now());
    int published = publish ? ReplayPublisher.publish(servers, result.rescored()) : 0;
    ReplayReport report =
        new ReplayReport(
            runId, reward, range, result, ReplayDiff.of(result.compared(), top), published);
    if (output.json) {
      System.out.println(report.json());
    } else {
      report.printText(System.out);
    }
    return 0;
  }
}
