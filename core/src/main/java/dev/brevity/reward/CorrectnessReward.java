package dev.brevity.reward;

import dev.brevity.verify.AnswerVerifier;

/**
 * The correctness reward with the truncation rule:
 *
 * <pre>
 *   r(y) = 1  if y finished (EOS) and its last \boxed{} equals the reference answer
 *        = 0  otherwise (wrong, no boxed answer, or cut by the token limit)
 * </pre>
 *
 * Answers are judged by {@link AnswerVerifier} (numbers in any notation, fractions, sets, symbolic
 * equivalence), with its default truncation rule.
 */
public final class CorrectnessReward {

  /** Spec name of this reward, as written in a run config and recorded on every score. */
  public static final String SPEC = "correctness";

  /** Version of this reward's code; bump it when the score of any input changes. */
  public static final int CODE_VERSION = 2;

  private static final AnswerVerifier VERIFIER = AnswerVerifier.standard();

  private CorrectnessReward() {}

  /**
   * @param completion the generated text after the prompt
   * @param reference the reference final answer
   * @param truncated whether generation stopped at the token limit instead of EOS
   */
  public static double score(String completion, String reference, boolean truncated) {
    return VERIFIER.verifyOutput(reference, completion, truncated).correct() ? 1.0 : 0.0;
  }

  /** Stable id recorded with every score: spec and code version. */
  public static String versionId() {
    return SPEC + "@" + CODE_VERSION;
  }
}
