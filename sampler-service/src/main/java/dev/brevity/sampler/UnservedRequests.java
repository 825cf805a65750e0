package dev.brevity.sampler;

import dev.brevity.events.Fate;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.TraceFate;
import dev.brevity.train.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The fates of a request this sampler cannot serve (its policy version is not published, or cannot
 * be loaded): every one of its K traces ends FAILED with the reason, so no requested trace vanishes
 * silently.
 */
final class UnservedRequests {

  private UnservedRequests() {}

  /** One FAILED fate per sample index 0..K-1. */
  static List<TraceFate> fates(RolloutRequest request, String reason, Instant now) {
    List<TraceFate> fates = new ArrayList<>(request.getSamples());
    for (int index = 0; index < request.getSamples(); index++) {
      fates.add(
          TraceFate.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setRunId(request.getRunId())
              .setOccurredAt(now)
              .setTraceId(Request.traceId(request.getRequestId(), index))
              .setPolicyVersion(request.getPolicyVersion())
              .setFate(Fate.FAILED)
              .setReason(reason)
              .build());
    }
    return fates;
  }
}
