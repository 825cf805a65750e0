package dev.brevity.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An arithmetic chain: a starting number and a list of signed operands, evaluated left to right
 * (only additions and subtractions, so the order is the usual one), e.g. {@code 7 + 5 - 9 + 3}.
 *
 * @param start the first number (non-negative)
 * @param operands the signed operands: +5 adds 5, -9 subtracts 9
 */
public record Chain(int start, List<Integer> operands) {

  public Chain {
    operands = List.copyOf(operands);
  }

  /** A random chain of {@code level}, every running value within its bounds. */
  static Chain random(Level level, Random random) {
    int start = 1 + random.nextInt(level.maxStart());
    List<Integer> operands = new ArrayList<>();
    int value = start;
    while (operands.size() < level.operations()) {
      int operand = 1 + random.nextInt(level.maxOperand());
      int signed = random.nextBoolean() ? operand : -operand;
      int next = value + signed;
      boolean inRange = Math.abs(next) <= Level.MAX_MAGNITUDE && (level.negatives() || next >= 0);
      if (inRange) {
        operands.add(signed);
        value = next;
      }
    }
    return new Chain(start, operands);
  }

  /** The running values after each operation; the last one is the answer. */
  public List<Integer> runningValues() {
    List<Integer> values = new ArrayList<>();
    int value = start;
    for (int operand : operands) {
      value += operand;
      values.add(value);
    }
    return values;
  }

  /** The final value. */
  public int value() {
    List<Integer> values = runningValues();
    return values.get(values.size() - 1);
  }

  /** The chain as written in a question: {@code 7 + 5 - 9 + 3}. */
  public String expression() {
    StringBuilder text = new StringBuilder(Integer.toString(start));
    for (int operand : operands) {
      text.append(operand >= 0 ? " + " : " - ").append(Math.abs(operand));
    }
    return text.toString();
  }
}
