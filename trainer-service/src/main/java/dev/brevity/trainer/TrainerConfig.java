package dev.brevity.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** trainer-service configuration, under {@code brevity.trainer}. */
@ConfigMapping(prefix = "brevity.trainer")
public interface TrainerConfig {

  /** The run methods this trainer runs (ids as in a run config); others are rejected. */
  @WithDefault("o1-pruner,o1-pruner-online,thinkprune")
  List<String> methods();
}
