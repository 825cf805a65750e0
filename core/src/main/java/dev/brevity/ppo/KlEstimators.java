package dev.brevity.ppo;

import ai.djl.ndarray.NDArray;

/**
 * Per-token estimators of KL(π_θ ‖ π_ref) from the log-probabilities of the sampled token
 * (Schulman, "Approximating KL divergence"), as verl computes them. With d = log π_ref − log π_θ:
 *
 * <pre>
 *   k1 = −d = log π_θ − log π_ref                 unbiased, can be negative
 *   k3 = e^d − d − 1                               unbiased, never negative (clamped to [−10, 10])
 * </pre>
 *
 * As a loss term the KL is ADDED to the policy loss (minimised); as a reward penalty it is
 * SUBTRACTED from the reward. (Early verl, and so ThinkPrune's code, subtracted it from the loss,
 * which maximises the KL.)
 */
public final class KlEstimators {

  /** verl's clamp of k3. */
  public static final double K3_CLAMP = 10;

  private KlEstimators() {}

  public static double k1(double logProb, double referenceLogProb) {
    return logProb - referenceLogProb;
  }

  public static double k3(double logProb, double referenceLogProb) {
    double d = referenceLogProb - logProb;
    double k3 = Math.exp(d) - d - 1;
    return Math.max(-K3_CLAMP, Math.min(K3_CLAMP, k3));
  }

  /** k1 per token on arrays of the same shape, with gradients through {@code logProbs}. */
  public static NDArray k1(NDArray logProbs, NDArray referenceLogProbs) {
    return logProbs.sub(referenceLogProbs);
  }

  /** k3 per token on arrays of the same shape, clamped, with gradients through {@code logProbs}. */
  public static NDArray k3(NDArray logProbs, NDArray referenceLogProbs) {
    NDArray d = referenceLogProbs.sub(logProbs);
    return d.exp().sub(d).sub(1).clip(-K3_CLAMP, K3_CLAMP);
  }

  /** The estimator named {@code k1} or {@code k3}, on arrays. */
  public static NDArray of(String estimator, NDArray logProbs, NDArray referenceLogProbs) {
    return isK1(estimator) ? k1(logProbs, referenceLogProbs) : k3(logProbs, referenceLogProbs);
  }

  /** The estimator named {@code k1} or {@code k3}, on numbers. */
  public static double of(String estimator, double logProb, double referenceLogProb) {
    return isK1(estimator) ? k1(logProb, referenceLogProb) : k3(logProb, referenceLogProb);
  }

  /**
   * Whether {@code estimator} names k1 (rather than k3).
   *
   * @throws IllegalArgumentException for any name but {@code k1} and {@code k3}
   */
  private static boolean isK1(String estimator) {
    return switch (estimator) {
      case "k1" -> true;
      case "k3" -> false;
      default ->
          throw new IllegalArgumentException(
              "unknown KL estimator '" + estimator + "'; valid: k1, k3");
    };
  }
}
