package dev.brevity.reward;

import dev.brevity.verify.AnswerVerifier;
import dev.brevity.verify.AnswerVerifier.TruncationRule;
import dev.brevity.verify.FirstAnswer;

/**
 * One judged trace: what every reward needs to know about a completion y of a problem x.
 *
 * @param length L(y), completion length in tokens (the end-of-text token included when generated)
 * @param finished whether y ended with EOS (false when cut by the token limit)
 * @param answerCorrect whether y's final {@code \boxed{}} answer equals the reference answer,
 *     judged even when y was cut (ThinkPrune's code counts such answers)
 * @param answerReachedAt tokens of y up to where its thinking first states the right answer ({@link
 *     FirstAnswer}), L(y) when it never does or when it was not located
 */
public record Attempt(int length, boolean finished, boolean answerCorrect, int answerReachedAt) {

  private static final AnswerVerifier ANSWERS = new AnswerVerifier(TruncationRule.COUNTED);

  public Attempt {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (answerReachedAt < 0 || answerReachedAt > length) {
      throw new IllegalArgumentException(
          "answerReachedAt must be in [0, " + length + "], got " + answerReachedAt);
    }
  }

  /** An attempt whose answer position was not located. */
  public Attempt(int length, boolean finished, boolean answerCorrect) {
    this(length, finished, answerCorrect, length);
  }

  /**
   * Judges a completion against the reference answer.
   *
   * @param completion the generated text after the prompt
   * @param reference the problem's reference final answer
   * @param length completion length in tokens
   * @param finished whether generation stopped at EOS
   */
  public static Attempt judge(String completion, String reference, int length, boolean finished) {
    return judge(completion, reference, length, finished, false);
  }

  /**
   * As {@link #judge(String, String, int, boolean)}; with {@code locateAnswer}, a right answer's
   * first statement in the thinking is located too ({@link FirstAnswer}), characters mapped to
   * tokens in proportion (the text does not carry token boundaries).
   */
  public static Attempt judge(
      String completion, String reference, int length, boolean finished, boolean locateAnswer) {
    boolean answerCorrect = ANSWERS.verifyOutput(reference, completion, !finished).correct();
    int reachedAt = length;
    if (locateAnswer && answerCorrect && !completion.isEmpty()) {
      int chars = FirstAnswer.charsUntilReached(completion, reference);
      if (chars >= 0) {
        reachedAt = (int) Math.ceil((double) length * chars / completion.length());
      }
    }
    return new Attempt(length, finished, answerCorrect, Math.min(reachedAt, length));
  }

  /**
   * A(x, y) with the truncation rule: 1 when y finished and its answer is right, else 0. Every
   * reward uses this unless it says otherwise.
   */
  public boolean correct() {
    return finished && answerCorrect;
  }

  /** {@link #correct()} as 0 or 1. */
  public double accuracy() {
    return correct() ? 1.0 : 0.0;
  }
}
