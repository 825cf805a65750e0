package dev.brevity.reward;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reward and the terms it was made of, recorded with every scored trace so that a researcher can
 * see why a trace scored what it did.
 *
 * @param reward the scalar the trainer optimises
 * @param components named terms, e.g. {@code correctness}, {@code lengthTerm}; in insertion order
 */
public record Score(double reward, Map<String, Double> components) {

  public Score {
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite, got " + reward);
    }
    components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** A score with its components given as name, value, name, value, … */
  static Score of(double reward, Object... namesAndValues) {
    Map<String, Double> components = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      components.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
    }
    return new Score(reward, components);
  }
}
