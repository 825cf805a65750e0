package dev.brevity.sampler;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.brevity.policy.ComputeDevice;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.service.LoopHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Loads the base policy and runs the sampler loop for the life of the service. */
@ApplicationScoped
public class SamplerService {

  private final SamplerConfig config;
  private final String bootstrapServers;
  private final MeterRegistry registry;
  private PolicyVersions versions;
  private SamplerLoop loop;

  SamplerService(
      SamplerConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      MeterRegistry registry) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
  }

  void start(@Observes StartupEvent event) {
    Path base = Path.of(config.baseModel());
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException(
          "brevity.sampler.base-model: "
              + base.toAbsolutePath()
              + " is not a checkpoint directory");
    }
    if (config.batchSize() < 1) {
      throw new IllegalArgumentException(
          "brevity.sampler.batch-size: must be at least 1, got " + config.batchSize());
    }
    Device device =
        ComputeDevice.resolve(
            config.device(), Engine.getInstance().getGpuCount(), "brevity.sampler.device");
    versions =
        new PolicyVersions(
            base,
            device,
            new FileCheckpointStore(Path.of(config.checkpointRoot())),
            config.maxLoadedVersions());
    loop =
        new SamplerLoop(
            config, bootstrapServers, versions, new SamplerMetrics(registry), Clock.systemUTC());
    loop.start("brevity-sampler-loop");
  }

  /** Graceful: the batch in hand is finished and committed; what is not started is redelivered. */
  void stop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop(Duration.ofSeconds(60));
    }
    if (versions != null) {
      versions.close();
    }
  }

  SamplerLoop loop() {
    return loop;
  }

  /** Ready while the loop runs. */
  @Readiness
  @ApplicationScoped
  static class Ready implements HealthCheck {
    private final SamplerService service;

    Ready(SamplerService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      return LoopHealth.readiness("sampler", service.loop());
    }
  }

  /** Live unless the loop died. */
  @Liveness
  @ApplicationScoped
  static class Live implements HealthCheck {
    private final SamplerService service;

    Live(SamplerService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      return LoopHealth.liveness("sampler", service.loop()).build();
    }
  }
}
