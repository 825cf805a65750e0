package dev.brevity.verify;

import java.util.List;
import java.util.stream.Collectors;

/** A final answer, parsed into the form it is compared in. */
public sealed interface Answer {

  /**
   * A canonical rendering, as reported by the verifier ({@code gold_parsed}, {@code pred_parsed}).
   */
  String canonical();

  /**
   * An exact number as written; {@code percent} when written with {@code %} (its value is then
   * {@code value / 100}); {@code decimal} when written with a decimal point, so it stands for a
   * rounded value and is compared to 6 decimal places.
   */
  record Number(Rational value, boolean percent, boolean decimal) implements Answer {
    Number(Rational value, boolean percent) {
      this(value, percent, false);
    }

    @Override
    public String canonical() {
      return value + (percent ? "%" : "");
    }

    /** The value meant: {@code 50%} is one half. */
    Rational meant() {
      return percent ? value.divide(Rational.of(100, 1)) : value;
    }
  }

  /** A matrix or vector, row by row ({@code \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}}). */
  record Matrix(List<List<Answer>> rows) implements Answer {
    @Override
    public String canonical() {
      return rows.stream()
          .map(row -> "[" + join(row) + "]")
          .collect(Collectors.joining(", ", "Matrix(", ")"));
    }
  }

  /**
   * An equation or inequality chain: {@code sides.size() == relations.size() + 1}, relations among
   * {@code = < > ≤ ≥ ≠} ({@code x = 2}, {@code 1 < x ≤ 3}).
   */
  record Relation(List<Answer> sides, List<String> relations) implements Answer {
    @Override
    public String canonical() {
      StringBuilder out = new StringBuilder(sides.get(0).canonical());
      for (int i = 0; i < relations.size(); i++) {
        out.append(' ').append(relations.get(i)).append(' ').append(sides.get(i + 1).canonical());
      }
      return out.toString();
    }

    boolean isEquation() {
      return relations.stream().allMatch("="::equals);
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
