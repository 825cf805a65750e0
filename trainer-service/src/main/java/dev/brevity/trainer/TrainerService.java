package dev.brevity.trainer;

import ai.djl.engine.Engine;
import dev.brevity.policy.ComputeDevice;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.service.LoopLifecycle;
import dev.brevity.service.LoopService;
import dev.brevity.service.ServiceEnvironment;
import dev.brevity.service.StartupChecks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Checks the configuration and runs the trainer loop for the life of the service. */
@ApplicationScoped
public class TrainerService implements LoopService {

  static final String DEVICE_KEY = "brevity.trainer.device";

  private final TrainerConfig config;
  private final ServiceEnvironment environment;
  private final LoopLifecycle<TrainerLoop> loop =
      new LoopLifecycle<>("trainer", Duration.ofMinutes(5));

  TrainerService(TrainerConfig config, ServiceEnvironment environment) {
    this.config = config;
    this.environment = environment;
  }

  void start(@Observes StartupEvent event) {
    RunReview review = RunReview.accepting(config.methods());
    StartupChecks.checkpointDirectory("brevity.trainer.base-model", config.baseModel());
    ComputeDevice.resolve(config.device(), Engine.getInstance().getGpuCount(), DEVICE_KEY);
    loop.start(
        new TrainerLoop(
            new TrainerContext(
                config,
                environment.bootstrapServers(),
                new FileCheckpointStore(Path.of(config.checkpointRoot())),
                new TrainerMetrics(environment.registry())),
            review));
  }

  /** Graceful: the update in hand is finished and committed, then the loop stops. */
  void stop(@Observes ShutdownEvent event) {
    loop.stop();
  }

  /** Ready while the loop runs. */
  @Override
  public LoopLifecycle<TrainerLoop> lifecycle() {
    return loop;
  }

  /** Live until the loop ends; a failing session is retried, and reported here meanwhile. */
  @Override
  public HealthCheckResponse liveness() {
    TrainerLoop running = loop.loop();
    return loop.liveness()
        .withData(
            "activeRun", running == null || running.activeRun() == null ? "" : running.activeRun())
        .build();
  }
}
