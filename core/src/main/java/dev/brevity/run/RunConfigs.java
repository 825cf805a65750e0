package dev.brevity.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Optional;

/** Reads settings from a run's configuration YAML (the {@code configYaml} of RunRequested). */
public final class RunConfigs {

  /** The key naming a run's reward spec, e.g. {@code reward: thinkprune(limit=256)}. */
  public static final String REWARD = "reward";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RunConfigs() {}

  /**
   * The run's reward spec, if its configuration names one.
   *
   * @throws IllegalArgumentException if the YAML is malformed or {@code reward} is not a string
   */
  public static Optional<String> rewardSpec(String configYaml) {
    JsonNode root;
    try {
      root = configYaml == null || configYaml.isBlank() ? null : YAML.readTree(configYaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed run configuration: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull() || !root.has(REWARD)) {
      return Optional.empty();
    }
    JsonNode reward = root.get(REWARD);
    if (!reward.isTextual()) {
      throw new IllegalArgumentException(
          "run configuration: '"
              + REWARD
              + "' must be a reward spec string such as o1-pruner(lambda=2)");
    }
    return Optional.of(reward.asText());
  }
}
