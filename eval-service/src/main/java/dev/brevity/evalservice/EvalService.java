package dev.brevity.evalservice;

import ai.djl.engine.Engine;
import dev.brevity.policy.ComputeDevice;
import dev.brevity.service.LoopLifecycle;
import dev.brevity.service.LoopService;
import dev.brevity.service.ServiceEnvironment;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Checks the configuration, then runs the evaluator loop and the dashboard feed. */
@ApplicationScoped
public class EvalService implements LoopService {

  private final EvalConfig config;
  private final ServiceEnvironment environment;
  private final Dashboard dashboard;
  private final LoopLifecycle<EvalLoop> loop = new LoopLifecycle<>("eval", Duration.ofMinutes(5));
  private DashboardFeed feed;

  EvalService(EvalConfig config, ServiceEnvironment environment) {
    this.config = config;
    this.environment = environment;
    this.dashboard = new Dashboard(EvalSettings.dashboardLimits(config));
  }

  void start(@Observes StartupEvent event) {
    if (config.enabled()) {
      EvalSettings settings = EvalSettings.of(config);
      Path base = Path.of(config.baseModel());
      if (!Files.isRegularFile(base.resolve("model.safetensors"))) {
        throw new IllegalArgumentException(
            "brevity.eval.base-model: " + base.toAbsolutePath() + " is not a checkpoint directory");
      }
      loop.start(
          new EvalLoop(
              new CheckpointEvaluator(
                  settings,
                  base,
                  ComputeDevice.resolve(
                      config.device(), Engine.getInstance().getGpuCount(), "brevity.eval.device")),
              environment,
              config.id(),
              config.sessionTimeout()));
    }
    feed = new DashboardFeed(dashboard, environment.bootstrapServers());
    Thread feeding = new Thread(feed, "brevity-dashboard-feed");
    feeding.setDaemon(true);
    feeding.start();
  }

  /** Graceful: the evaluation in hand is finished and committed, then the loop stops. */
  void stop(@Observes ShutdownEvent event) {
    if (feed != null) {
      feed.stop();
    }
    loop.stop();
  }

  Dashboard dashboard() {
    return dashboard;
  }

  /** Live until the evaluator ends; a failing evaluation is retried, and reported here. */
  @Override
  public LoopLifecycle<EvalLoop> lifecycle() {
    return loop;
  }

  /** Ready once the dashboard follows its topics and the evaluator (if enabled) runs. */
  @Override
  public HealthCheckResponse readiness() {
    EvalLoop evaluator = loop.loop();
    boolean ready = feed != null && feed.following() && (evaluator == null || evaluator.running());
    return HealthCheckResponse.named("eval").status(ready).build();
  }
}
