package dev.brevity.reward;

import java.util.List;
import java.util.OptionalInt;

/**
 * ShorterBetter's reward (Yi, Wang &amp; Li, arXiv 2504.21370): correctness minus the distance to
 * the group's Sample Optimal Length, the length of its shortest correct sample,
 *
 * <pre>
 *   SOL(G) = min { L(y_j) : y_j ∈ G correct }    if some sample of the group G is correct
 *          = mean_j L(y_j)                       otherwise
 *   r(y)   = α · A(x, y) − β · |L(y) − SOL(G)|
 * </pre>
 *
 * The paper trains with α ∈ {1, 2} and β = 0.001. A(x, y) is Brevity's correctness (the answer
 * right and the sample finished), where the paper checks the extracted answer alone. It needs the
 * whole group. Spec: {@code shorter-better(alpha=2, beta=0.001)}.
 */
record ShorterBetterReward(double alpha, double beta) implements Reward {

  /** The group's Sample Optimal Length. */
  static double sampleOptimalLength(List<Attempt> group) {
    OptionalInt shortestCorrect =
        group.stream().filter(Attempt::correct).mapToInt(Attempt::length).min();
    return shortestCorrect.isPresent()
        ? shortestCorrect.getAsInt()
        : group.stream().mapToInt(Attempt::length).average().orElseThrow();
  }

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    double sol = sampleOptimalLength(group);
    double distance = Math.abs(attempt.length() - sol);
    return Score.of(
        alpha * attempt.accuracy() - beta * distance,
        "correctness",
        attempt.accuracy(),
        "sampleOptimalLength",
        sol,
        "distance",
        distance);
  }

  @Override
  public boolean needsGroup() {
    return true;
  }
}
