package dev.brevity.scoring;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.Attempt;
import dev.brevity.reward.ReferenceStatistics;
import dev.brevity.reward.Score;
import dev.brevity.reward.VersionedReward;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns traces into scored traces and reference statistics, between Brevity's events and the
 * framework-free rewards. The reward-service and {@code brevity replay} both score through here, so
 * a replay with a run's own spec reproduces the service's scores bit for bit.
 */
public final class TraceScorer {

  private TraceScorer() {}

  /**
   * What scoring one request's traces gives.
   *
   * @param traces the scored traces, in sample order
   * @param referenceStats the problem's statistics when the traces are reference samples, else null
   */
  public record GroupScore(List<ScoredTrace> traces, ReferenceStats referenceStats) {}

  /** The trace judged against its problem's answer. */
  public static Attempt attempt(Trace trace) {
    return Attempt.judge(
        trace.getCompletionText(),
        trace.getProblem().getAnswer(),
        trace.getCompletionTokenIds().size(),
        trace.getFinishReason() == FinishReason.EOS);
  }

  /**
   * Whether {@code trace} is scored only together with all K traces of its request: when the reward
   * compares siblings, or when the traces are reference samples (whose statistics come from all K).
   */
  public static boolean needsWholeGroup(Trace trace, VersionedReward reward) {
    return trace.getSamples() > 1
        && (reward.needsGroup() || trace.getPurpose() == RolloutPurpose.REFERENCE);
  }

  /**
   * Scores the traces of one request as the reward-service does. Reference samples get the
   * statistics of their own group (which this returns, to be published) and are scored against
   * them; other traces are scored with their siblings when the reward compares them, else one by
   * one, against {@code stored} statistics when the reward needs them.
   *
   * @param group traces of one request in sample order: all K of them when {@link
   *     #needsWholeGroup}, else any of them
   * @param stored the problem's published reference statistics, or null when the reward needs none
   *     (ignored for reference samples)
   * @throws IllegalArgumentException when the reward needs statistics and there are none
   */
  public static GroupScore scoreGroup(
      List<Trace> group, VersionedReward reward, ReferenceStatistics stored, Instant now) {
    Trace first = group.get(0);
    if (first.getPurpose() == RolloutPurpose.REFERENCE) {
      ReferenceStats event = referenceStats(group, now);
      return new GroupScore(score(group, reward, statistics(event), now), event);
    }
    if (reward.needsGroup()) {
      return new GroupScore(score(group, reward, stored, now), null);
    }
    List<ScoredTrace> scored = new ArrayList<>();
    for (Trace trace : group) {
      scored.addAll(score(List.of(trace), reward, stored, now));
    }
    return new GroupScore(scored, null);
  }

  /**
   * Scores every trace of a group (one trace alone when the reward needs no group).
   *
   * @param group traces of one request, in sample order
   * @param reference the problem's reference statistics, or null when the reward needs none
   */
  public static List<ScoredTrace> score(
      List<Trace> group, VersionedReward reward, ReferenceStatistics reference, Instant now) {
    List<Attempt> attempts = group.stream().map(TraceScorer::attempt).toList();
    List<ScoredTrace> scored = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      Trace trace = group.get(i);
      Attempt attempt = attempts.get(i);
      Score score = reward.score(attempt, attempts, reference);
      scored.add(
          ScoredTrace.newBuilder()
              .setEventId(eventId(trace.getTraceId(), reward.versionId()))
              .setRunId(trace.getRunId())
              .setOccurredAt(now)
              .setTraceId(trace.getTraceId())
              .setPolicyVersion(trace.getPolicyVersion())
              .setTrace(trace)
              .setCorrect(attempt.correct())
              .setLength(attempt.length())
              .setReward(score.reward())
              .setComponents(score.components())
              .setRewardSpec(reward.spec())
              .setRewardVersion(reward.versionId())
              .build());
    }
    return scored;
  }

  /** The reference statistics of a group of reference-policy samples of one problem. */
  public static ReferenceStats referenceStats(List<Trace> group, Instant now) {
    Trace first = group.get(0);
    ReferenceStatistics stats =
        ReferenceStatistics.of(group.stream().map(TraceScorer::attempt).toList());
    return ReferenceStats.newBuilder()
        .setEventId(eventId(first.getRequestId(), "reference-stats"))
        .setRunId(first.getRunId())
        .setOccurredAt(now)
        .setProblemId(first.getProblem().getProblemId())
        .setPolicyVersion(first.getPolicyVersion())
        .setSamples(stats.samples())
        .setMeanLength(stats.meanLength())
        .setMeanAccuracy(stats.meanAccuracy())
        .setCorrectLengths(stats.correctLengths())
        .build();
  }

  /** The statistics carried by a ReferenceStats event. */
  public static ReferenceStatistics statistics(ReferenceStats event) {
    return new ReferenceStatistics(
        event.getSamples(),
        event.getMeanLength(),
        event.getMeanAccuracy(),
        event.getCorrectLengths());
  }

  /** Key of a problem's reference statistics on brevity.reference-stats. */
  public static String referenceKey(String runId, String problemId) {
    return runId + "/" + problemId;
  }

  /**
   * The same trace scored with the same reward version always gets the same event id, so a consumer
   * can recognise a re-scoring of what it has seen.
   */
  private static String eventId(String subject, String version) {
    return UUID.nameUUIDFromBytes((subject + "|" + version).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
