package dev.brevity.task;

import java.util.ArrayList;
import java.util.List;

/**
 * One operation of a chain, {@code before + operand = after}, and how a minimal solution writes it:
 * as one arithmetic fact when that fact is a single-digit one ({@code 7+5=12.}, {@code 12-9=3.}),
 * otherwise column by column with explicit carries and borrows, every fact a single-digit one
 * ({@code 42-15: 12-5=7, 4-1-1=2, so 27.}). Negative values are handled by reducing to an operation
 * on magnitudes ({@code 5-9: 9-5=4, so -4.}).
 */
public record Step(int before, int operand, int after) {

  public Step(int before, int operand) {
    this(before, operand, before + operand);
  }

  /** The operation as written: {@code 12-9}, {@code -4+7}. */
  public String expression() {
    return before + (operand >= 0 ? "+" : "-") + Math.abs(operand);
  }

  /** The operation and its result: {@code 12-9=3}. */
  public String fact() {
    return expression() + "=" + after;
  }

  /** The inverse operation, a check of the result: {@code 3+9=12} for {@code 12-9=3}. */
  public String inverseFact() {
    return after + (operand >= 0 ? "-" : "+") + Math.abs(operand) + "=" + before;
  }

  /** The step as a minimal solution writes it, ending with a full stop. */
  public String minimalText() {
    Core core = core();
    boolean rewritten = core.negate || before < 0; // the work is not the expression as written
    if (!rewritten && core.isSingleFact()) {
      return fact() + ".";
    }
    return expression() + ": " + String.join(", ", core.facts()) + ", so " + after + ".";
  }

  /**
   * The operation on magnitudes that gives the result: {@code left ± right}, negated when {@code
   * negate}. Subtraction always takes the smaller from the larger.
   */
  private Core core() {
    int magnitude = Math.abs(operand);
    if (before >= 0 && operand >= 0) {
      return new Core(before, magnitude, true, false);
    }
    if (before >= 0) {
      return before >= magnitude
          ? new Core(before, magnitude, false, false)
          : new Core(magnitude, before, false, true);
    }
    int value = -before;
    if (operand >= 0) {
      return magnitude >= value
          ? new Core(magnitude, value, false, false)
          : new Core(value, magnitude, false, true);
    }
    return new Core(value, magnitude, true, true);
  }

  /** {@code minuend + subtrahend} or {@code minuend - subtrahend}, both non-negative. */
  private record Core(int minuend, int subtrahend, boolean add, boolean negate) {

    int result() {
      return add ? minuend + subtrahend : minuend - subtrahend;
    }

    /** A fact a learner knows by heart: both single digits, or a subtraction within 18. */
    boolean isSingleFact() {
      return add
          ? minuend <= 9 && subtrahend <= 9
          : minuend <= 18 && subtrahend <= 9 && result() <= 9;
    }

    String text() {
      return minuend + (add ? "+" : "-") + subtrahend + "=" + result();
    }

    /** The single fact, or the column facts: units (with carry or borrow), then tens. */
    List<String> facts() {
      if (isSingleFact()) {
        return List.of(text());
      }
      List<String> facts = new ArrayList<>();
      int unitsLeft = minuend % 10;
      int unitsRight = subtrahend % 10;
      List<Integer> tens = new ArrayList<>();
      tens.add(minuend / 10);
      int tensResult;
      if (add) {
        int units = unitsLeft + unitsRight;
        facts.add(unitsLeft + "+" + unitsRight + "=" + units);
        tens.add(subtrahend / 10);
        tens.add(units / 10);
        tensResult = minuend / 10 + subtrahend / 10 + units / 10;
      } else {
        int borrow = unitsLeft < unitsRight ? 1 : 0;
        int top = unitsLeft + 10 * borrow;
        facts.add(top + "-" + unitsRight + "=" + (top - unitsRight));
        tens.add(subtrahend / 10);
        tens.add(borrow);
        tensResult = minuend / 10 - subtrahend / 10 - borrow;
      }
      List<Integer> terms = tens.stream().filter(t -> t != 0).toList();
      if (terms.size() >= 2) {
        StringBuilder fact = new StringBuilder(Integer.toString(terms.get(0)));
        for (int term : terms.subList(1, terms.size())) {
          fact.append(add ? "+" : "-").append(term);
        }
        facts.add(fact.append("=").append(tensResult).toString());
      }
      return facts;
    }
  }
}
