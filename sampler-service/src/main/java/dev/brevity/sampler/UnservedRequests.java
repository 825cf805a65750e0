package dev.brevity.sampler;

import dev.brevity.events.Fate;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.TraceFate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The fates of a request this sampler cannot serve: every one of its K traces ends FAILED with the
 * reason, so no requested trace vanishes silently. This build has no policy engine yet, so it
 * answers every request this way.
 */
final class UnservedRequests {

  private final String samplerId;

  UnservedRequests(String samplerId) {
    this.samplerId = samplerId;
  }

  /** One FAILED fate per sample index 0..K-1, trace ids {@code requestId/index}. */
  List<TraceFate> fates(RolloutRequest request, Instant now) {
    List<TraceFate> fates = new ArrayList<>(request.getSamples());
    for (int index = 0; index < request.getSamples(); index++) {
      fates.add(
          TraceFate.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setRunId(request.getRunId())
              .setOccurredAt(now)
              .setTraceId(traceId(request.getRequestId(), index))
              .setPolicyVersion(request.getPolicyVersion())
              .setFate(Fate.FAILED)
              .setReason(samplerId + " has no policy engine: cannot generate traces")
              .build());
    }
    return fates;
  }

  /** The id of sample {@code index} of a request: unique per (request, sample index). */
  static String traceId(String requestId, int index) {
    return requestId + "/" + index;
  }
}
