package dev.brevity.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, checked reads from a run configuration. Every read names its key and valid values in its
 * error; {@link #rejectUnread} fails on keys nobody asked for (a typo is an error, not a default).
 */
final class ConfigReader {

  private final JsonNode root;
  private final String context;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigReader(JsonNode root, String context) {
    this.root = root;
    this.context = context;
  }

  boolean has(String key) {
    known.add(key);
    return root.has(key) && !root.get(key).isNull();
  }

  /**
   * Refuses {@code key} for this configuration: it is a valid key elsewhere, but here it would be
   * ignored, which a configuration must never silently be.
   *
   * @param why why the key does not apply
   */
  void refuse(String key, String why) {
    known.add(key);
    if (root.has(key)) {
      throw invalid(key, "does not apply: " + why);
    }
  }

  /** Marks a key as valid without reading it (read elsewhere). */
  void allow(String key) {
    known.add(key);
  }

  int integer(String key, int fallback, int min, int max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode node = root.get(key);
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw invalid(key, node, "a whole number from " + min + " to " + max);
    }
    int value = node.asInt();
    if (value < min || value > max) {
      throw invalid(key, node, "a whole number from " + min + " to " + max);
    }
    return value;
  }

  double number(String key, double fallback, double min, double max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode node = root.get(key);
    double value;
    if (node.isNumber()) {
      value = node.asDouble();
    } else if (node.isTextual()) {
      try {
        value = Double.parseDouble(node.asText().trim()); // YAML 1.1 reads 1e-5 as text
      } catch (NumberFormatException e) {
        throw invalid(key, node, "a number from " + min + " to " + max);
      }
    } else {
      throw invalid(key, node, "a number from " + min + " to " + max);
    }
    if (!(value >= min && value <= max)) {
      throw invalid(key, node, "a number from " + min + " to " + max);
    }
    return value;
  }

  boolean flag(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode node = root.get(key);
    if (!node.isBoolean()) {
      throw invalid(key, node, "true or false");
    }
    return node.asBoolean();
  }

  String text(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode node = root.get(key);
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid(key, node, "a non-empty string");
    }
    return node.asText().trim();
  }

  /** One of {@code valid}, compared as written. */
  String choice(String key, String fallback, List<String> valid) {
    String value = text(key, fallback);
    if (!valid.contains(value)) {
      throw invalid(key, root.get(key), "one of " + String.join(", ", valid));
    }
    return value;
  }

  /** Fails if the configuration has a key that no read asked for. */
  void rejectUnread() {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          context
              + ": unknown key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + "; valid keys: "
              + String.join(", ", new TreeSet<>(known)));
    }
  }

  IllegalArgumentException invalid(String key, JsonNode node, String expected) {
    return new IllegalArgumentException(
        context + ": '" + key + "' is " + node + "; it must be " + expected);
  }

  IllegalArgumentException invalid(String key, String problem) {
    return new IllegalArgumentException(context + ": '" + key + "' " + problem);
  }
}
