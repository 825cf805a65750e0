package dev.brevity.reward;

import java.util.List;

/**
 * The correctness reward with the truncation rule:
 *
 * <pre>
 *   r(y) = A(x, y) = 1  if y finished (EOS) and its last \boxed{} equals the reference answer
 *                  = 0  otherwise (wrong, no boxed answer, or cut by the token limit)
 * </pre>
 *
 * Answers are judged by {@link dev.brevity.verify.AnswerVerifier} (numbers in any notation,
 * fractions, sets, symbolic equivalence). Spec: {@code correctness}.
 */
final class CorrectnessReward implements Reward {

  /** Version of this reward's code; bump it when the score of any input changes. */
  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    return Score.of(attempt.accuracy(), "correctness", attempt.accuracy());
  }
}
