package dev.brevity.reward;

import java.util.Map;

/** A reward's parameter values: checked, in canonical spelling, defaults filled in. */
public final class Parameters {

  private final Map<String, String> values;

  Parameters(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** A real number. */
  public double number(String name) {
    return Double.parseDouble(value(name));
  }

  /** A positive whole number (token counts). */
  public int tokens(String name) {
    return Integer.parseInt(value(name));
  }

  /** {@code true} or {@code false}. */
  public boolean flag(String name) {
    return Boolean.parseBoolean(value(name));
  }

  private String value(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("no parameter " + name);
    }
    return value;
  }
}
