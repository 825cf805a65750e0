package dev.brevity.rewardservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** reward-service configuration, under {@code brevity.reward}. */
@ConfigMapping(prefix = "brevity.reward")
public interface RewardConfig {

  /** The reward spec applied to every trace, e.g. {@code correctness}. */
  @WithDefault("correctness")
  String spec();
}
