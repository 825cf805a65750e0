package dev.brevity.reward;

import java.util.List;

/**
 * ALP, the Adaptive Length Penalty (Xiang et al., "Just Enough Thinking", arXiv 2506.05256): a
 * length penalty whose strength follows the prompt's online solve rate, so that easy prompts pay
 * for every token and hard ones barely,
 *
 * <pre>
 *   p_solved(x) = mean over the K samples of x of A(x, y_k)
 *   r(y)        = A(x, y) − β · max(p_solved(x), 1/K) · L(y) / N
 * </pre>
 *
 * N is a length normaliser (the spec's {@code norm}, in tokens: the token limit, say), β the global
 * coefficient. A(x, y) is Brevity's correctness (the answer right and the sample finished). It
 * needs the whole group. Spec: {@code alp(norm=512, beta=0.5)}.
 */
record AdaptiveLengthPenaltyReward(int norm, double beta) implements Reward {

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    double solveRate = group.stream().mapToDouble(Attempt::accuracy).average().orElseThrow();
    double strength = Math.max(solveRate, 1.0 / group.size());
    double penalty = beta * strength * attempt.length() / norm;
    return Score.of(
        attempt.accuracy() - penalty,
        "correctness",
        attempt.accuracy(),
        "solveRate",
        solveRate,
        "lengthPenalty",
        penalty);
  }

  @Override
  public boolean needsGroup() {
    return true;
  }
}
