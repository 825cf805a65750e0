package dev.brevity.reward;

/** Judged attempts for reward tests. */
final class Attempts {

  private Attempts() {}

  /** Finished, with the right answer. */
  static Attempt right(int length) {
    return new Attempt(length, true, true);
  }

  /** Finished, with a wrong answer. */
  static Attempt wrong(int length) {
    return new Attempt(length, true, false);
  }

  /** Cut at the token limit, its last answer right. */
  static Attempt cutWithRightAnswer(int length) {
    return new Attempt(length, false, true);
  }
}
