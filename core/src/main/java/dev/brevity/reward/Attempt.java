package dev.brevity.reward;

import dev.brevity.verify.AnswerVerifier;
import dev.brevity.verify.AnswerVerifier.TruncationRule;

/**
 * One judged trace: what every reward needs to know about a completion y of a problem x.
 *
 * @param length L(y), completion length in tokens (the end-of-text token included when generated)
 * @param finished whether y ended with EOS (false when cut by the token limit)
 * @param answerCorrect whether y's final {@code \boxed{}} answer equals the reference answer,
 *     judged even when y was cut (ThinkPrune's code counts such answers)
 */
public record Attempt(int length, boolean finished, boolean answerCorrect) {

  private static final AnswerVerifier ANSWERS = new AnswerVerifier(TruncationRule.COUNTED);

  public Attempt {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
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
    boolean answerCorrect = ANSWERS.verifyOutput(reference, completion, !finished).correct();
    return new Attempt(length, finished, answerCorrect);
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
