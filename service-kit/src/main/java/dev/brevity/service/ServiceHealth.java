package dev.brevity.service;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The health of a service, reported by its one bean that implements this: readiness (it serves) and
 * liveness (it has not died). {@link ServiceBeans} publishes both on /q/health.
 */
public interface ServiceHealth {

  HealthCheckResponse readiness();

  HealthCheckResponse liveness();
}
