package dev.brevity.task;

import java.util.List;

/**
 * A difficulty level of the bundled arithmetic task: how many operations the chain has, how large
 * its numbers are, and whether the running value may go below zero.
 *
 * @param level 1 (easiest) to 7
 * @param operations number of additions and subtractions in the chain
 * @param maxStart largest starting number
 * @param maxOperand largest operand
 * @param negatives whether running values may be negative (sign changes)
 */
public record Level(int level, int operations, int maxStart, int maxOperand, boolean negatives) {

  /** Largest magnitude a running value may reach: results stay within two digits. */
  public static final int MAX_MAGNITUDE = 99;

  /**
   * The levels, easiest first. Carries and borrows start at level 3; only level 7 changes sign
   * (negative running values need their own column rules, which a small model learns last).
   */
  public static final List<Level> ALL =
      List.of(
          new Level(1, 2, 9, 9, false),
          new Level(2, 3, 9, 9, false),
          new Level(3, 4, 49, 19, false),
          new Level(4, 5, 49, 29, false),
          new Level(5, 6, 49, 49, false),
          new Level(6, 7, 69, 69, false),
          new Level(7, 8, 99, 99, true));

  /**
   * The level with this number.
   *
   * @throws IllegalArgumentException naming the valid levels
   */
  public static Level of(int level) {
    if (level < 1 || level > ALL.size()) {
      throw new IllegalArgumentException(
          "unknown difficulty level " + level + "; valid levels: 1 to " + ALL.size());
    }
    return ALL.get(level - 1);
  }
}
