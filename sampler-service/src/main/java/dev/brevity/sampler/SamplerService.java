package dev.brevity.sampler;

import ai.djl.Device;
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

/** Loads the base policy and runs the sampler loop for the life of the service. */
@ApplicationScoped
public class SamplerService implements LoopService {

  private final SamplerConfig config;
  private final ServiceEnvironment environment;
  private final LoopLifecycle<SamplerLoop> loop =
      new LoopLifecycle<>("sampler", Duration.ofSeconds(60));
  private PolicyVersions versions;

  SamplerService(SamplerConfig config, ServiceEnvironment environment) {
    this.config = config;
    this.environment = environment;
  }

  void start(@Observes StartupEvent event) {
    Path base = StartupChecks.checkpointDirectory("brevity.sampler.base-model", config.baseModel());
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
    loop.start(new SamplerLoop(config, environment, versions));
  }

  /** Graceful: the batch in hand is finished and committed; what is not started is redelivered. */
  void stop(@Observes ShutdownEvent event) {
    loop.stop();
    if (versions != null) {
      versions.close();
    }
  }

  /** Ready while the loop runs, live unless it died. */
  @Override
  public LoopLifecycle<SamplerLoop> lifecycle() {
    return loop;
  }
}
