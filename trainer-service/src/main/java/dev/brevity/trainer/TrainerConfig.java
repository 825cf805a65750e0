package dev.brevity.trainer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** trainer-service configuration, under {@code brevity.trainer}. */
@ConfigMapping(prefix = "brevity.trainer")
public interface TrainerConfig {

  /** The run methods this trainer runs (ids as in a run config); others are rejected. */
  @WithDefault("o1-pruner,o1-pruner-online,thinkprune,grpo,ppo,sft-shortest,dpo")
  List<String> methods();

  /** The policy every run starts from (version 0), and the frozen reference. */
  @WithDefault("models/reference")
  String baseModel();

  /** The file checkpoint store checkpoints are published to (shared with samplers). */
  @WithDefault("runs/checkpoints")
  String checkpointRoot();

  /**
   * Where tensors live: {@code auto} (the first GPU when PyTorch sees one, else the CPU), {@code
   * cpu}, {@code gpu} or {@code gpu:N}. A GPU that is not there fails the start.
   */
  @WithDefault("auto")
  String device();

  /** Where checkpoints are written before they are published. */
  @WithDefault("runs/trainer-staging")
  String stagingDir();

  /** Consumer session timeout: how soon a dead trainer's partitions move on. */
  @WithDefault("10s")
  Duration sessionTimeout();

  /** How often to look for a run to train when idle. */
  @WithDefault("1s")
  Duration idlePoll();
}
