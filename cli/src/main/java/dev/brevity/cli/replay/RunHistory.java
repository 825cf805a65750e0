package dev.brevity.cli.replay;

import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RunRequested;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.run.RunConfigs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the log holds about one run, as {@link Replay} needs it.
 *
 * @param run the run's request (its configuration names its reward per stage)
 * @param traces the run's traces, in the order read (each partition in offset order)
 * @param referenceStats the run's latest reference statistics, by problem id
 * @param scores every original score of each trace, by trace id, oldest first
 * @param unreadable records of the topics read (of any run) that were not the expected event
 */
public record RunHistory(
    RunRequested run,
    List<Trace> traces,
    Map<String, ReferenceStats> referenceStats,
    Map<String, List<OriginalScore>> scores,
    int unreadable) {

  /** A reward a trace got on brevity.scored-traces (its spec and version id, and the value). */
  public record OriginalScore(double reward, String rewardSpec, String rewardVersion) {

    public static OriginalScore of(ScoredTrace scored) {
      return new OriginalScore(
          scored.getReward(), scored.getRewardSpec(), scored.getRewardVersion());
    }
  }

  public String runId() {
    return run.getRunId();
  }

  /**
   * The spec the run's configuration names for {@code stage}; empty when it names none (the
   * reward-service then used its default spec).
   *
   * @throws IllegalArgumentException if the configuration's {@code reward} is malformed
   */
  public Optional<String> ownSpec(int stage) {
    try {
      return RunConfigs.rewardSpec(run.getConfigYaml(), stage);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run " + runId() + ": " + e.getMessage(), e);
    }
  }
}
