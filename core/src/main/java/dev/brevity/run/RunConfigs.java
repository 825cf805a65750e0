package dev.brevity.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads settings from a run's configuration YAML (the {@code configYaml} of RunRequested). */
public final class RunConfigs {

  /**
   * The key naming a run's reward spec: one spec for the whole run ({@code reward:
   * o1-pruner(lambda=2)}) or one per stage ({@code reward: [thinkprune(limit=384),
   * thinkprune(limit=256)]}).
   */
  public static final String REWARD = "reward";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RunConfigs() {}

  /**
   * The configuration as a tree; an empty object for an empty text.
   *
   * @throws IllegalArgumentException if the YAML is malformed or not a mapping
   */
  public static JsonNode tree(String configYaml) {
    JsonNode root;
    try {
      root = configYaml == null || configYaml.isBlank() ? null : YAML.readTree(configYaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed run configuration: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return YAML.createObjectNode();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "run configuration must be a mapping of keys to values, not " + root.getNodeType());
    }
    return root;
  }

  /**
   * The method a configuration names with its {@code method} key (files such as {@code
   * configs/thinkprune.yaml} say which method they are for).
   *
   * @throws IllegalArgumentException if the YAML is malformed or has no {@code method}
   */
  public static String method(String configYaml) {
    String method = tree(configYaml).path("method").asText("");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("the 'method' key is required");
    }
    return method;
  }

  /**
   * The run's reward specs, one per stage (a single spec is a one-stage list); empty if the
   * configuration names none.
   *
   * @throws IllegalArgumentException if the YAML is malformed or {@code reward} is neither a spec
   *     string nor a non-empty list of them
   */
  public static List<String> rewardSpecs(String configYaml) {
    JsonNode root = tree(configYaml);
    if (!root.has(REWARD)) {
      return List.of();
    }
    JsonNode reward = root.get(REWARD);
    if (reward.isTextual()) {
      return List.of(reward.asText());
    }
    List<String> specs = new ArrayList<>();
    if (reward.isArray()) {
      for (JsonNode spec : reward) {
        if (!spec.isTextual()) {
          specs.clear();
          break;
        }
        specs.add(spec.asText());
      }
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException(
          "run configuration: '"
              + REWARD
              + "' must be a reward spec such as o1-pruner(lambda=2), or a list of specs,"
              + " one per stage");
    }
    return List.copyOf(specs);
  }

  /**
   * The reward spec of {@code stage} (0-based): the stage's entry of a per-stage list, the last
   * entry for stages beyond it, or the single spec.
   *
   * @throws IllegalArgumentException as {@link #rewardSpecs}
   */
  public static Optional<String> rewardSpec(String configYaml, int stage) {
    List<String> specs = rewardSpecs(configYaml);
    if (specs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(specs.get(Math.min(Math.max(0, stage), specs.size() - 1)));
  }

  /** The reward spec of the first stage; see {@link #rewardSpec(String, int)}. */
  public static Optional<String> rewardSpec(String configYaml) {
    return rewardSpec(configYaml, 0);
  }
}
