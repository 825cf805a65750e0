package dev.brevity.schemas;

import dev.brevity.events.RolloutRequest;
import dev.brevity.events.Trace;
import java.util.UUID;

/** The start of every {@link Trace}: what it takes from the request it answers. */
public final class TraceBuilders {

  private TraceBuilders() {}

  /**
   * A trace answering {@code request} as its sample {@code sampleIndex}, with a new event id, the
   * request's run, id, sample count, stage, purpose, problem and sampling; the caller sets what
   * generation gave (version, sampler, tokens, text, finish, timings) and when.
   */
  public static Trace.Builder answering(RolloutRequest request, String traceId, int sampleIndex) {
    return Trace.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(request.getRunId())
        .setTraceId(traceId)
        .setRequestId(request.getRequestId())
        .setSampleIndex(sampleIndex)
        .setSamples(request.getSamples())
        .setStage(request.getStage())
        .setPurpose(request.getPurpose())
        .setProblem(request.getProblem())
        .setSampling(request.getSampling());
  }
}
