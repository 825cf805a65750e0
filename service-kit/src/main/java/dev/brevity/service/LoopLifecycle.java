package dev.brevity.service;

import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A service's one {@link ServiceLoop} from startup to shutdown: started on a thread named {@code
 * brevity-<name>-loop}, stopped gracefully, its health reported as {@link LoopHealth} says.
 */
public final class LoopLifecycle<L extends ServiceLoop> {

  private final String name;
  private final Duration stopTimeout;
  private volatile L loop;

  /**
   * {@code name} names the health checks and the thread; a stop waits up to {@code stopTimeout}.
   */
  public LoopLifecycle(String name, Duration stopTimeout) {
    this.name = name;
    this.stopTimeout = stopTimeout;
  }

  /** Runs {@code loop} on its own thread. */
  public void start(L loop) {
    this.loop = loop;
    loop.start("brevity-" + name + "-loop");
  }

  /** Asks the loop (if started) to stop after the work in hand, and waits for it. */
  public void stop() {
    if (loop != null) {
      loop.stop(stopTimeout);
    }
  }

  /** The loop, or null before it starts. */
  public L loop() {
    return loop;
  }

  /** Ready while the loop runs. */
  public HealthCheckResponse readiness() {
    return LoopHealth.readiness(name, loop);
  }

  /** Live until the loop ends; a failure it retries is reported meanwhile. */
  public HealthCheckResponseBuilder liveness() {
    return LoopHealth.liveness(name, loop);
  }
}
