package dev.brevity.scoring;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.Attempt;
import dev.brevity.reward.GroupScoring;
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
    return attempt(trace, false);
  }

  /**
   * The trace judged against its problem's answer, its answer's first statement located when {@code
   * locateAnswer} (a reward that reads it).
   */
  public static Attempt attempt(Trace trace, boolean locateAnswer) {
    return Attempt.judge(
        trace.getCompletionText(),
        trace.getProblem().getAnswer(),
        trace.getCompletionTokenIds().size(),
        trace.getFinishReason() == FinishReason.EOS,
        locateAnswer);
  }

  /**
   * Whether {@code trace} is scored only together with all K traces of its request ({@link
   * GroupScoring#needsWholeGroup}).
   */
  public static boolean needsWholeGroup(Trace trace, VersionedReward reward) {
    return GroupScoring.needsWholeGroup(
        trace.getSamples(), trace.getPurpose() == RolloutPurpose.REFERENCE, reward);
  }

  /**
   * Scores the traces of one request as {@link GroupScoring#score} does, as events.
   *
   * @param group traces of one request in sample order: all K of them when {@link
   *     #needsWholeGroup}, else any of them
   * @param stored the problem's published reference statistics, or null when the reward needs none
   *     (ignored for reference samples)
   * @throws IllegalArgumentException when the reward needs statistics and there are none
   */
  public static GroupScore scoreGroup(
      List<Trace> group, VersionedReward reward, ReferenceStatistics stored, Instant now) {
    List<Attempt> attempts =
        group.stream().map(t -> attempt(t, reward.needsAnswerPosition())).toList();
    boolean reference = group.get(0).getPurpose() == RolloutPurpose.REFERENCE;
    GroupScoring.Result result = GroupScoring.score(attempts, reference, reward, stored);
    List<ScoredTrace> scored = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      scored.add(scored(group.get(i), attempts.get(i), result.scores().get(i), reward, now));
    }
    ReferenceStats stats =
        reference ? referenceStats(group.get(0), result.referenceStatistics(), now) : null;
    return new GroupScore(scored, stats);
  }

  /**
   * Scores every trace of a group against the group (one trace alone when the reward needs no
   * group), as a training group: reference samples too are scored against {@code reference}.
   *
   * @param group traces of one request, in sample order
   * @param reference the problem's reference statistics, or null when the reward needs none
   */
  public static List<ScoredTrace> score(
      List<Trace> group, VersionedReward reward, ReferenceStatistics reference, Instant now) {
    List<Attempt> attempts =
        group.stream().map(t -> attempt(t, reward.needsAnswerPosition())).toList();
    GroupScoring.Result result = GroupScoring.score(attempts, false, reward, reference);
    List<ScoredTrace> scored = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      scored.add(scored(group.get(i), attempts.get(i), result.scores().get(i), reward, now));
    }
    return scored;
  }

  private static ScoredTrace scored(
      Trace trace, Attempt attempt, Score score, VersionedReward reward, Instant now) {
    return ScoredTrace.newBuilder()
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
        .build();
  }

  /** The reference statistics of a group of reference-policy samples of one problem. */
  public static ReferenceStats referenceStats(List<Trace> group, Instant now) {
    return referenceStats(
        group.get(0),
        ReferenceStatistics.of(group.stream().map(TraceScorer::attempt).toList()),
        now);
  }

  private static ReferenceStats referenceStats(
      Trace first, ReferenceStatistics stats, Instant now) {
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
