package dev.brevity.eval;

import dev.brevity.events.EvalCompleted;
import java.time.Instant;

/** One evaluated checkpoint, as the dashboard plots it. */
public record EvalPoint(
    long policyVersion,
    int stage,
    long step,
    String evalSet,
    int problems,
    double accuracy,
    double meanLength,
    Double aes,
    Instant occurredAt) {

  static EvalPoint of(EvalCompleted event) {
    return new EvalPoint(
        event.getPolicyVersion(),
        event.getStage(),
        event.getStep(),
        event.getEvalSet(),
        event.getProblems(),
        event.getAccuracy(),
        event.getMeanLength(),
        event.getAes(),
        event.getOccurredAt());
  }
}
