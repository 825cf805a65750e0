package dev.brevity.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * What service-kit gives every service: its {@link ServiceEnvironment}, and the readiness and
 * liveness checks that report what its {@link ServiceHealth} says.
 */
@Singleton
class ServiceBeans {

  @Produces
  @Singleton
  ServiceEnvironment environment(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      MeterRegistry registry) {
    return new ServiceEnvironment(bootstrapServers, registry, Clock.systemUTC());
  }

  @Produces
  @Readiness
  HealthCheck readiness(ServiceHealth service) {
    return service::readiness;
  }

  @Produces
  @Liveness
  HealthCheck liveness(ServiceHealth service) {
    return service::liveness;
  }
}
