package dev.brevity.trainer;

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
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Checks the configuration and runs the trainer loop for the life of the service. */
@ApplicationScoped
public class TrainerService {

  static final String DEVICE_KEY = "brevity.trainer.device";

  private final TrainerConfig config;
  private final String bootstrapServers;
  private final MeterRegistry registry;
  private TrainerLoop loop;

  TrainerService(
      TrainerConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      MeterRegistry registry) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
  }

  void start(@Observes StartupEvent event) {
    RunReview review = RunReview.accepting(config.methods());
    Path base = Path.of(config.baseModel());
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException(
          "brevity.trainer.base-model: "
              + base.toAbsolutePath()
              + " is not a checkpoint directory");
    }
    ComputeDevice.resolve(config.device(), Engine.getInstance().getGpuCount(), DEVICE_KEY);
    loop =
        new TrainerLoop(
            config,
            bootstrapServers,
            new FileCheckpointStore(Path.of(config.checkpointRoot())),
            review,
            new TrainerMetrics(registry));
    loop.start("brevity-trainer-loop");
  }

  /** Graceful: the update in hand is finished and committed, then the loop stops. */
  void stop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop(Duration.ofMinutes(5));
    }
  }

  TrainerLoop loop() {
    return loop;
  }

  /** Ready while the loop runs. */
  @Readiness
  @ApplicationScoped
  static class Ready implements HealthCheck {
    private final TrainerService service;

    Ready(TrainerService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      return LoopHealth.readiness("trainer", service.loop());
    }
  }

  /** Live until the loop ends; a failing session is retried, and reported here meanwhile. */
  @Liveness
  @ApplicationScoped
  static class Live implements HealthCheck {
    private final TrainerService service;

    Live(TrainerService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      TrainerLoop loop = service.loop();
      return LoopHealth.liveness("trainer", loop)
          .withData("activeRun", loop == null || loop.activeRun() == null ? "" : loop.activeRun())
          .build();
    }
  }
}
