package dev.brevity.cli.replay;

import dev.brevity.cli.replay.RunHistory.OriginalScore;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.ReferenceStatistics;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.scoring.TraceScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-scores a run's traces with a reward, exactly as the reward-service scores them ({@link
 * TraceScorer#scoreGroup}), and pairs each new score with the original one.
 *
 * <p>Traces are taken one request (group of K) at a time, in the order the log holds them; a group
 * that does not have all K traces in the version range is skipped whatever the reward, so that two
 * replays with different rewards compare the same traces. Reference samples are scored, as by the
 * service, against the statistics of their own group; other traces, when the reward needs them,
 * against the problem's statistics on brevity.reference-stats.
 */
public final class Replay {

  private Replay() {}

  /** One trace scored before and after. */
  public record ReplayedTrace(
      String traceId,
      long policyVersion,
      int length,
      boolean correct,
      double before,
      double after) {}

  /**
   * Traces not compared, and why.
   *
   * @param incompleteGroups requests with fewer than K traces in the range
   * @param incompleteGroupTraces the traces of those requests
   * @param unscored traces with no original score (not scored yet, or dead-lettered)
   * @param withoutReference traces whose reward needs reference statistics their problem lacks
   */
  public record Skipped(
      int incompleteGroups, int incompleteGroupTraces, int unscored, int withoutReference) {

    public int traces() {
      return incompleteGroupTraces + unscored + withoutReference;
    }
  }

  /**
   * @param compared the traces scored before and after, in the order replayed
   * @param rescored every new score (to publish), compared or not
   * @param groups complete requests replayed
   * @param rewardVersions the version ids scored with
   */
  public record Result(
      List<ReplayedTrace> compared,
      List<ScoredTrace> rescored,
      int groups,
      Skipped skipped,
      Set<String> rewardVersions) {}

  /**
   * @param reward the reward to score with, or null for the run's own spec of each trace's stage
   * @param limit at least this many traces, in whole groups, then stop (no limit when &lt;= 0)
   * @throws IllegalArgumentException when the run's own spec is invalid
   */
  public static Result run(
      RunHistory history, VersionedReward reward, VersionRange versions, int limit, Instant now) {
    Map<String, VersionedReward> ownRewards = new HashMap<>();
    List<ReplayedTrace> compared = new ArrayList<>();
    List<ScoredTrace> rescored = new ArrayList<>();
    Set<String> rewardVersions = new LinkedHashSet<>();
    int groups = 0;
    int taken = 0;
    int incompleteGroups = 0;
    int incompleteTraces = 0;
    int unscored = 0;
    int withoutReference = 0;
    for (List<Trace> group : groups(history.traces(), versions)) {
      if (limit > 0 && taken >= limit) {
        break;
      }
      Trace first = group.get(0);
      if (group.size() < Math.max(1, first.getSamples())) {
        incompleteGroups++;
        incompleteTraces += group.size();
        continue;
      }
      groups++;
      taken += group.size();
      Optional<VersionedReward> own = ownReward(history, group, ownRewards);
      VersionedReward scoring = reward != null ? reward : own.orElse(null);
      if (scoring == null) { // no spec in the configuration and no original score to name one
        unscored += group.size();
        continue;
      }
      ReferenceStatistics stats = null;
      if (scoring.needsReference() && first.getPurpose() != RolloutPurpose.REFERENCE) {
        ReferenceStats stored = history.referenceStats().get(first.getProblem().getProblemId());
        if (stored == null) {
          withoutReference += group.size();
          continue;
        }
        stats = TraceScorer.statistics(stored);
      }
      rewardVersions.add(scoring.versionId());
      String ownVersion = own.map(VersionedReward::versionId).orElse(null);
      for (ScoredTrace after : TraceScorer.scoreGroup(group, scoring, stats, now).traces()) {
        rescored.add(after);
        OriginalScore before = original(history, after.getTraceId(), ownVersion);
        if (before == null) {
          unscored++;
          continue;
        }
        compared.add(
            new ReplayedTrace(
                after.getTraceId(),
                after.getPolicyVersion(),
                after.getLength(),
                after.getCorrect(),
                before.reward(),
                after.getReward()));
      }
    }
    return new Result(
        compared,
        rescored,
        groups,
        new Skipped(incompleteGroups, incompleteTraces, unscored, withoutReference),
        rewardVersions);
  }

  /**
   * The traces in the range grouped by request, groups in the order of their first trace, each in
   * sample order (one trace per sample index: the first read).
   */
  static List<List<Trace>> groups(List<Trace> traces, VersionRange versions) {
    Map<String, Map<Integer, Trace>> byRequest = new LinkedHashMap<>();
    for (Trace trace : traces) {
      if (versions.contains(trace.getPolicyVersion())) {
        byRequest
            .computeIfAbsent(trace.getRequestId(), id -> new HashMap<>())
            .putIfAbsent(trace.getSampleIndex(), trace);
      }
    }
    List<List<Trace>> groups = new ArrayList<>();
    for (Map<Integer, Trace> group : byRequest.values()) {
      List<Trace> sorted = new ArrayList<>(group.values());
      sorted.sort(Comparator.comparingInt(Trace::getSampleIndex));
      groups.add(sorted);
    }
    return groups;
  }

  /**
   * The reward the reward-service scored the group with: the run's spec for the group's stage, or,
   * when the configuration names none, the spec its original scores record (the service's default).
   */
  private static Optional<VersionedReward> ownReward(
      RunHistory history, List<Trace> group, Map<String, VersionedReward> cache) {
    Optional<String> spec = history.ownSpec(group.get(0).getStage());
    if (spec.isEmpty()) {
      spec =
          group.stream()
              .map(trace -> original(history, trace.getTraceId(), null))
              .filter(score -> score != null)
              .map(OriginalScore::rewardSpec)
              .findFirst();
    }
    return spec.map(s -> cache.computeIfAbsent(s, text -> ofRun(history.runId(), text)));
  }

  private static VersionedReward ofRun(String runId, String spec) {
    try {
      return Rewards.of(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run " + runId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The trace's original score: the one with the run's own reward version when it was scored more
   * than once, else the latest; null when it has none.
   */
  private static OriginalScore original(RunHistory history, String traceId, String ownVersion) {
    List<OriginalScore> scores = history.scores().getOrDefault(traceId, List.of());
    if (scores.isEmpty()) {
      return null;
    }
    for (OriginalScore score : scores) {
      if (score.rewardVersion().equals(ownVersion)) {
        return score;
      }
    }
    return scores.get(scores.size() - 1);
  }
}
