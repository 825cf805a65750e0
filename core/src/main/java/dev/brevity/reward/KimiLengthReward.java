package dev.brevity.reward;

import java.util.List;

/**
 * Kimi k1.5's group length penalty (Kimi Team, arXiv 2501.12599, section 2.3.3), added to
 * correctness:
 *
 * <pre>
 *   λ_i = 0.5 − (len_i − min_len) / (max_len − min_len)       min, max over the K samples of x
 *   len_reward_i = λ_i            if y_i is correct
 *                = min(0, λ_i)    if y_i is wrong
 *                = 0 for every sample when max_len = min_len
 *   r_i = A(x, y_i) + w · len_reward_i
 * </pre>
 *
 * The report does not state the weight w; the default is 1. It needs the whole group. Spec: {@code
 * kimi(weight=1)}.
 */
record KimiLengthReward(double weight) implements Reward {

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    int min = group.stream().mapToInt(Attempt::length).min().orElseThrow();
    int max = group.stream().mapToInt(Attempt::length).max().orElseThrow();
    double lengthReward = 0;
    if (max > min) {
      double lambda = 0.5 - (double) (attempt.length() - min) / (max - min);
      lengthReward = attempt.correct() ? lambda : Math.min(0, lambda);
    }
    return Score.of(
        attempt.accuracy() + weight * lengthReward,
        "correctness",
        attempt.accuracy(),
        "lengthReward",
        lengthReward);
  }

  @Override
  public boolean needsGroup() {
    return true;
  }
}
