package dev.brevity.reward;

import java.util.List;

/**
 * A penalty on what the thinking adds after it first reaches the right answer, in the spirit of
 * LC-R1's compress reward (arXiv 2506.14755) and APR: with L_reach the tokens up to the first
 * sentence of the thinking that states the right answer ({@link Attempt#answerReachedAt}, found by
 * the verifier),
 *
 * <pre>
 *   r(y) = A(x, y) · (1 − w · (L(y) − L_reach) / L(y))
 * </pre>
 *
 * A right answer reached at the thinking's last sentence keeps its full reward; one followed by
 * re-checks, restatements and confirmations loses w times the share of the trace they take. Wrong
 * answers score 0, as LC-R1 rewards compression of correct answers only. Spec: {@code
 * answer-position(weight=1)}.
 */
record AnswerPositionReward(double weight) implements Reward {

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    double tail =
        attempt.length() == 0
            ? 0
            : (double) (attempt.length() - attempt.answerReachedAt()) / attempt.length();
    double reward = attempt.accuracy() * (1 - weight * tail);
    return Score.of(reward, "correctness", attempt.accuracy(), "afterAnswer", tail);
  }

  @Override
  public boolean needsAnswerPosition() {
    return true;
  }
}
