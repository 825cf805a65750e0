package dev.brevity.service;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** A service whose work is one {@link ServiceLoop}: ready while it runs, live until it ends. */
public interface LoopService extends ServiceHealth {

  /** The loop, from the service's startup to its shutdown. */
  LoopLifecycle<?> lifecycle();

  @Override
  default HealthCheckResponse readiness() {
    return lifecycle().readiness();
  }

  @Override
  default HealthCheckResponse liveness() {
    return lifecycle().liveness().build();
  }
}
