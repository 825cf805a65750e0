package dev.brevity.rewardservice;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.CorrectnessReward;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Applies the configured reward to a trace: a pure function of the trace and the spec. */
final class TraceScorer {

  /** The specs this service can apply. */
  static final String VALID_SPECS = CorrectnessReward.SPEC;

  private final String spec;

  /**
   * @throws IllegalArgumentException naming the config key and the valid specs
   */
  TraceScorer(String spec) {
    if (!CorrectnessReward.SPEC.equals(spec)) {
      throw new IllegalArgumentException(
          "brevity.reward.spec: unknown reward '" + spec + "'; valid: " + VALID_SPECS);
    }
    this.spec = spec;
  }

  ScoredTrace score(Trace trace, Instant now) {
    boolean truncated = trace.getFinishReason() == FinishReason.LENGTH;
    double correctness =
        CorrectnessReward.score(
            trace.getCompletionText(), trace.getProblem().getAnswer(), truncated);
    return ScoredTrace.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(trace.getRunId())
        .setOccurredAt(now)
        .setTraceId(trace.getTraceId())
        .setPolicyVersion(trace.getPolicyVersion())
        .setTrace(trace)
        .setCorrect(correctness == 1.0)
        .setLength(trace.getCompletionTokenIds().size())
        .setReward(correctness)
        .setComponents(Map.of("correctness", correctness))
        .setRewardSpec(spec)
        .setRewardVersion(CorrectnessReward.versionId())
        .build();
  }
}
