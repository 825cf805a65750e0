package dev.brevity.service;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The health of a service whose work is one {@link ServiceLoop}. */
public final class LoopHealth {

  private LoopHealth() {}

  /** Ready while the loop runs (null: not started yet). */
  public static HealthCheckResponse readiness(String name, ServiceLoop loop) {
    return HealthCheckResponse.named(name).status(loop != null && loop.running()).build();
  }

  /**
   * Live until the loop has ended; a failure it retries is reported meanwhile ({@code lastError}).
   */
  public static HealthCheckResponseBuilder liveness(String name, ServiceLoop loop) {
    Throwable failure = loop == null ? null : loop.failure();
    return HealthCheckResponse.named(name)
        .status(loop == null || !loop.ended())
        .withData("lastError", failure == null ? "" : String.valueOf(failure.getMessage()));
  }
}
