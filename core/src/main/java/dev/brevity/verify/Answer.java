package dev.brevity.verify;

import java.util.List;
import java.util.stream.Collectors;

/** A final answer, parsed into the form it is compared in. */
public sealed interface Answer {

  /**
   * A canonical rendering, as reported by the verifier ({@code gold_parsed}, {@code pred_parsed}).
   */
  String canonical();

  /** An exact number; {@code percent} when it was written with {@code %}. */
  record Number(Rational value, boolean percent) implements Answer {
    @Override
    public String canonical() {
      return value + (percent ? "%" : "");
    }
  }

  /**
   * An algebraic or symbolic expression: as written ({@code source}, used when compared with text)
   * and in the computer-algebra system's infix syntax.
   */
  record Expression(String source, String infix) implements Answer {
    @Override
    public String canonical() {
      return infix;
    }
  }

  /**
   * An ordered, bracketed sequence: a tuple or point {@code (1, 2)}, an interval {@code [1, 2)}.
   */
  record Sequence(char open, char close, List<Answer> items) implements Answer {
    @Override
    public String canonical() {
      return open + join(items) + close;
    }
  }

  /** An unordered collection: a set {@code \{1, 2\}}, a bare list {@code 1, 2}, a union. */
  record Collection(String kind, List<Answer> items) implements Answer {
    @Override
    public String canonical() {
      return kind.equals("union")
          ? items.stream().map(Answer::canonical).collect(Collectors.joining(" U "))
          : "{" + join(items) + "}";
    }
  }

  /** Words: compared case- and space-insensitively ({@code \text{Monday}}, {@code (C)}). */
  record Text(String text) implements Answer {
    @Override
    public String canonical() {
      return text;
    }

    String key() {
      return text.toLowerCase().replaceAll("[\\s(){}.]", "");
    }
  }

  private static String join(List<Answer> items) {
    return items.stream().map(Answer::canonical).collect(Collectors.joining(", "));
  }
}
