package dev.brevity.sampler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** sampler-service configuration, under {@code brevity.sampler}. */
@ConfigMapping(prefix = "brevity.sampler")
public interface SamplerConfig {

  /** This sampler's id, recorded on every trace; unique per instance. */
  @WithDefault("sampler-1")
  String id();

  /** The checkpoint directory served as policy version 0 of every run (the reference model). */
  @WithName("base-model")
  @WithDefault("models/reference")
  String baseModel();

  /**
   * Where tensors live: {@code auto} (the first GPU when PyTorch sees one, else the CPU), {@code
   * cpu}, {@code gpu} or {@code gpu:N}. A GPU that is not there fails the start.
   */
  @WithDefault("auto")
  String device();

  /** Root of the file checkpoint store that published checkpoint URIs point into. */
  @WithName("checkpoint-root")
  @WithDefault("runs/checkpoints")
  String checkpointRoot();

  /** Sequences generated together at most (the batch dimension of generation). */
  @WithName("batch-size")
  @WithDefault("32")
  int batchSize();

  /** How long to wait for more requests to fill a batch once one has arrived. */
  @WithName("batch-wait")
  @WithDefault("200ms")
  Duration batchWait();

  /** How long a silent instance keeps its partitions before the group moves them elsewhere. */
  @WithName("session-timeout")
  @WithDefault("10s")
  Duration sessionTimeout();

  /** Policy versions kept loaded besides the base model; the least recently used goes first. */
  @WithName("max-loaded-versions")
  @WithDefault("3")
  int maxLoadedVersions();
}
