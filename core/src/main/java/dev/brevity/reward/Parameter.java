package dev.brevity.reward;

import java.math.BigDecimal;

/** One parameter of a reward: its name, kind, default (null when it must be given) and meaning. */
record Parameter(String name, Kind kind, String defaultValue, String meaning) {

  /** What values a parameter takes. */
  enum Kind {
    NUMBER("a number"),
    POSITIVE_INTEGER("a positive whole number"),
    FLAG("true or false");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  static Parameter number(String name, String defaultValue, String meaning) {
    return new Parameter(name, Kind.NUMBER, defaultValue, meaning);
  }

  static Parameter tokens(String name, String defaultValue, String meaning) {
    return new Parameter(name, Kind.POSITIVE_INTEGER, defaultValue, meaning);
  }

  static Parameter flag(String name, String defaultValue, String meaning) {
    return new Parameter(name, Kind.FLAG, defaultValue, meaning);
  }

  boolean required() {
    return defaultValue == null;
  }

  /**
   * The value in one canonical spelling ({@code 2.0} and {@code 2} are both {@code 2}), so that
   * equal parameters give equal version ids.
   *
   * @throws IllegalArgumentException naming the spec, the parameter and what it must be
   */
  String canonical(String spec, String value) {
    try {
      switch (kind) {
        case NUMBER -> {
          BigDecimal number = new BigDecimal(value);
          return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        case POSITIVE_INTEGER -> {
          int tokens = Integer.parseInt(value);
          if (tokens > 0) {
            return Integer.toString(tokens);
          }
        }
        case FLAG -> {
          if (value.equals("true") || value.equals("false")) {
            return value;
          }
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "reward spec '" + spec + "': " + name + "=" + value + " is not " + kind.expected);
  }
}
