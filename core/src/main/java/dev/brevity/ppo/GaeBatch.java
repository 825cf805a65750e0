package dev.brevity.ppo;

import java.util.ArrayList;
import java.util.List;

/**
 * Classic PPO's GAE over a whole batch of sequences, on plain arrays: each sequence's {@link
 * Advantages#gae}, the advantages whitened over every token of the batch, and how much of the
 * returns' variance the critic's values explained.
 */
public final class GaeBatch {

  /** The ε in the whitening's denominator. */
  public static final double WHITEN_EPSILON = 1e-8;

  /**
   * GAE of a batch.
   *
   * @param advantages whitened advantages, one array per sequence
   * @param returns value targets R_t = A_t + V_t (before whitening), one array per sequence
   * @param explainedVariance of the values the advantages were estimated with ({@link
   *     #explainedVariance})
   */
  public record Result(
      List<double[]> advantages, List<double[]> returns, double explainedVariance) {}

  private GaeBatch() {}

  /**
   * GAE(γ, λ) of each sequence, whitened over the batch.
   *
   * @param rewards r_t of each sequence
   * @param values V_t of each sequence, from the critic before the update
   */
  public static Result of(
      List<double[]> rewards, List<double[]> values, double gamma, double lambda) {
    List<double[]> advantages = new ArrayList<>();
    List<double[]> returns = new ArrayList<>();
    for (int i = 0; i < rewards.size(); i++) {
      Advantages.Gae g = Advantages.gae(rewards.get(i), values.get(i), gamma, lambda);
      advantages.add(g.advantages());
      returns.add(g.returns());
    }
    return new Result(whiten(advantages), returns, explainedVariance(returns, values));
  }

  /**
   * Whitening over every token of the batch, with the population standard deviation:
   *
   * <pre>
   *   Â_t = (A_t − mean A) / (std A + ε)          mean and std over all tokens of all sequences
   * </pre>
   */
  public static List<double[]> whiten(List<double[]> advantages) {
    double mean = tokenMean(advantages);
    double squares = 0;
    for (double[] sequence : advantages) {
      for (double a : sequence) {
        squares += (a - mean) * (a - mean);
      }
    }
    double std = Math.sqrt(squares / tokenCount(advantages));
    List<double[]> out = new ArrayList<>();
    for (double[] sequence : advantages) {
      double[] whitened = new double[sequence.length];
      for (int t = 0; t < whitened.length; t++) {
        whitened[t] = (sequence[t] - mean) / (std + WHITEN_EPSILON);
      }
      out.add(whitened);
    }
    return out;
  }

  /**
   * The critic's explained variance over every token of the batch:
   *
   * <pre>
   *   EV = 1 − Σ_t (R_t − V_t)² / Σ_t (R_t − mean R)²
   * </pre>
   *
   * 1 for values that predict the returns exactly, ≤ 0 for values no better than a constant; NaN
   * when the returns do not vary.
   */
  public static double explainedVariance(List<double[]> returns, List<double[]> values) {
    double returnMean = tokenMean(returns);
    double returnVar = 0;
    double residualVar = 0;
    for (int i = 0; i < returns.size(); i++) {
      double[] r = returns.get(i);
      double[] v = values.get(i);
      for (int t = 0; t < r.length; t++) {
        returnVar += (r[t] - returnMean) * (r[t] - returnMean);
        double residual = r[t] - v[t];
        residualVar += residual * residual;
      }
    }
    return returnVar > 0 ? 1 - residualVar / returnVar : Double.NaN;
  }

  /** The mean over every token of every sequence; NaN when there are no tokens. */
  private static double tokenMean(List<double[]> sequences) {
    double sum = 0;
    for (double[] sequence : sequences) {
      for (double x : sequence) {
        sum += x;
      }
    }
    return sum / tokenCount(sequences);
  }

  /** The number of tokens in all sequences together. */
  private static double tokenCount(List<double[]> sequences) {
    return sequences.stream().mapToInt(sequence -> sequence.length).sum();
  }
}
