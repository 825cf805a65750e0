package dev.brevity.sampler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** sampler-service configuration, under {@code brevity.sampler}. */
@ConfigMapping(prefix = "brevity.sampler")
public interface SamplerConfig {

  /** This sampler's id, recorded on what it publishes. */
  @WithDefault("sampler-1")
  String id();
}
