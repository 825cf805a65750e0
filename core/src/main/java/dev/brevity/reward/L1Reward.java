package dev.brevity.reward;

import java.util.List;

/**
 * L1's length-controlled rewards (LCPO; Aggarwal &amp; Welleck, arXiv 2503.04697), for a target
 * length n_gold:
 *
 * <pre>
 *   exact:  r(y) = A(x, y) − α · |n_gold − L(y)|
 *   max:    r(y) = A(x, y) · clip(α · (n_gold − L(y)) + 0.5, 0, 1)
 * </pre>
 *
 * α = 0.0003 in the paper. L1 samples n_gold per prompt and states it in the prompt ("Think for
 * n_gold tokens."); here n_gold is the spec's {@code target}, one per run. Specs: {@code
 * l1-exact(target=200)}, {@code l1-max(target=200, alpha=0.0003)}.
 */
record L1Reward(boolean exact, int target, double alpha) implements Reward {

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    double accuracy = attempt.accuracy();
    if (exact) {
      double penalty = alpha * Math.abs(target - attempt.length());
      return Score.of(accuracy - penalty, "correctness", accuracy, "lengthPenalty", penalty);
    }
    double factor = Math.max(0, Math.min(1, alpha * (target - attempt.length()) + 0.5));
    return Score.of(accuracy * factor, "correctness", accuracy, "lengthFactor", factor);
  }
}
