package dev.brevity.evalservice;

import ai.djl.engine.Engine;
import dev.brevity.policy.ComputeDevice;
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

/** Checks the configuration, then runs the evaluator loop and the dashboard feed. */
@ApplicationScoped
public class EvalService {

  private final EvalConfig config;
  private final String bootstrapServers;
  private final MeterRegistry registry;
  private final Dashboard dashboard;
  private DashboardFeed feed;
  private EvalLoop loop;

  EvalService(
      EvalConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      MeterRegistry registry) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
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
      loop =
          new EvalLoop(
              new CheckpointEvaluator(
                  settings,
                  base,
                  ComputeDevice.resolve(
                      config.device(), Engine.getInstance().getGpuCount(), "brevity.eval.device")),
              settings,
              bootstrapServers,
              config.id(),
              config.sessionTimeout(),
              registry);
      loop.start("brevity-eval-loop");
    }
    feed = new DashboardFeed(dashboard, bootstrapServers);
    Thread feeding = new Thread(feed, "brevity-dashboard-feed");
    feeding.setDaemon(true);
    feeding.start();
  }

  /** Graceful: the evaluation in hand is finished and committed, then the loop stops. */
  void stop(@Observes ShutdownEvent event) {
    if (feed != null) {
      feed.stop();
    }
    if (loop != null) {
      loop.stop(Duration.ofMinutes(5));
    }
  }

  Dashboard dashboard() {
    return dashboard;
  }

  EvalLoop loop() {
    return loop;
  }

  boolean ready() {
    return feed != null && feed.following() && (loop == null || loop.running());
  }

  /** Ready once the dashboard follows its topics and the evaluator (if enabled) runs. */
  @Readiness
  @ApplicationScoped
  static class Ready implements HealthCheck {
    private final EvalService service;

    Ready(EvalService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      return HealthCheckResponse.named("eval").status(service.ready()).build();
    }
  }

  /** Live until the evaluator ends; a failing evaluation is retried, and reported here. */
  @Liveness
  @ApplicationScoped
  static class Live implements HealthCheck {
    private final EvalService service;

    Live(EvalService service) {
      this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
      return LoopHealth.liveness("eval", service.loop()).build();
    }
  }
}
