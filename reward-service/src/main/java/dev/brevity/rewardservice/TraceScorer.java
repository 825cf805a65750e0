package dev.brevity.rewardservice;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ReferenceStats;
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
 * Turns traces into scored traces and reference statistics: the pure part of the reward-service,
 * between Brevity's events and the framework-free rewards.
 */
final class TraceScorer {

  private TraceScorer() {}

  /** The trace judged against its problem's answer. */
  static Attempt attempt(Trace trace) {
    return Attempt.judge(
        trace.getCompletionText(),
        trace.getProblem().getAnswer(),
        trace.getCompletionTokenIds().size(),
        trace.getFinishReason() == FinishReason.EOS);
  }

  /**
   * Scores every trace of a group (one trace alone when the reward needs no group).
   *
   * @param group traces of one request, in sample order
   * @param reference the problem's reference statistics, or null when the reward needs none
   */
  static List<ScoredTrace> score(
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
  static ReferenceStats referenceStats(List<Trace> group, Instant now) {
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
  static ReferenceStatistics statistics(ReferenceStats event) {
    return new ReferenceStatistics(
        event.getSamples(),
        event.getMeanLength(),
        event.getMeanAccuracy(),
        event.getCorrectLengths());
  }

  /** Key of a problem's reference statistics on brevity.reference-stats. */
  static String referenceKey(String runId, String problemId) {
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
