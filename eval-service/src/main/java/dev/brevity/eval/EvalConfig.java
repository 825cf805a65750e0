package dev.brevity.eval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** eval-service configuration, under {@code brevity.eval}. */
@ConfigMapping(prefix = "brevity.eval")
public interface EvalConfig {

  /** Evaluations kept per run for the dashboard; the oldest are dropped first. */
  @WithDefault("1000")
  int historyPerRun();
}
