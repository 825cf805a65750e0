package dev.brevity.reward;

import java.util.List;

/**
 * Arora &amp; Zanette's length penalty over correct siblings ("Training Language Models to Reason
 * Efficiently", arXiv 2502.04463):
 *
 * <pre>
 *   r(y) = A(x, y) · (1 − α · σ( (L(y) − μ_x) / (s_x + 1e−7) ))
 * </pre>
 *
 * σ is the logistic sigmoid; μ_x and s_x are the mean and population standard deviation of the
 * lengths of the correct samples among the K of the same prompt. A trace cut without EOS scores 0.
 * α ∈ {0.05, 0.1, 0.2, 0.4} in the paper; default 0.1. It needs the whole group. Spec: {@code
 * sigmoid-length(alpha=0.1)}.
 */
record SigmoidLengthReward(double alpha) implements Reward {

  static final double EPSILON = 1e-7;

  @Override
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    if (!attempt.correct()) {
      return Score.of(0.0, "correctness", 0.0, "lengthPenalty", 0.0);
    }
    double[] lengths =
        group.stream().filter(Attempt::correct).mapToDouble(Attempt::length).toArray();
    double mean = 0;
    for (double length : lengths) {
      mean += length / lengths.length;
    }
    double variance = 0;
    for (double length : lengths) {
      variance += (length - mean) * (length - mean) / lengths.length;
    }
    double z = (attempt.length() - mean) / (Math.sqrt(variance) + EPSILON);
    double penalty = alpha / (1 + Math.exp(-z));
    return Score.of(1 - penalty, "correctness", 1.0, "lengthPenalty", penalty);
  }

  @Override
  public boolean needsGroup() {
    return true;
  }
}
