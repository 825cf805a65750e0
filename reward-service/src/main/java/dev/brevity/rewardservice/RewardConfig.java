package dev.brevity.rewardservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** reward-service configuration, under {@code brevity.reward}. */
@ConfigMapping(prefix = "brevity.reward")
public interface RewardConfig {

  /**
   * The reward spec of traces whose run names none (a run names its own with {@code reward:} in its
   * configuration), e.g. {@code correctness} or {@code o1-pruner(lambda=2)}.
   */
  @WithDefault("correctness")
  String spec();

  /** Kafka Streams application id: instances with the same id share the work. */
  @WithName("application-id")
  @WithDefault("brevity-reward")
  String applicationId();

  /** Where Kafka Streams keeps local state; a fresh temporary directory when unset. */
  @WithName("state-dir")
  Optional<String> stateDir();

  /** How long a silent instance keeps its partitions before the group moves them elsewhere. */
  @WithName("session-timeout")
  @WithDefault("10s")
  Duration sessionTimeout();
}
