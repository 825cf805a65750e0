package dev.brevity.ppo;

/**
 * Advantage estimators of the PPO family, on plain arrays: what each sample (or token) is credited
 * with before the policy-gradient loss.
 */
public final class Advantages {

  /** GRPO's ε in the denominator (verl's {@code epsilon}). */
  public static final double GRPO_EPSILON = 1e-6;

  /** verl's ε of {@code masked_whiten} and {@code masked_mean}. */
  public static final double WHITEN_EPSILON = 1e-8;

  private Advantages() {}

  /**
   * GRPO's group-normalised advantage of the K samples of one prompt (ThinkPrune, via verl):
   *
   * <pre>
   *   Â_i = (r_i − mean_G r) / (std_G r + ε)
   * </pre>
   *
   * with std unbiased (Bessel's correction, verl's {@code torch.std}) or population. A group of one
   * sample gets Â = r, as verl does (mean 0, std 1).
   *
   * @param rewards r_1..r_K of one group
   * @param bessel divide the variance by K − 1 instead of K
   */
  public static double[] grpo(double[] rewards, boolean bessel) {
    int k = rewards.length;
    if (k == 1) {
      return rewards.clone();
    }
    double mean = mean(rewards);
    double std = Math.sqrt(sumOfSquares(rewards, mean) / (bessel ? k - 1 : k));
    double[] advantages = new double[k];
    for (int i = 0; i < k; i++) {
      advantages[i] = (rewards[i] - mean) / (std + GRPO_EPSILON);
    }
    return advantages;
  }

  /**
   * Dr. GRPO's advantage (Liu et al., arXiv 2503.20783; verl's {@code norm_adv_by_std_in_grpo:
   * False}): GRPO's without the division by the group's standard deviation,
   *
   * <pre>
   *   Â_i = r_i − mean_G r
   * </pre>
   *
   * so a group whose rewards barely differ moves the policy barely, instead of as much as a group
   * split between right and wrong. A group of one sample gets Â = r, as in {@link #grpo}.
   *
   * @param rewards r_1..r_K of one group
   */
  public static double[] centered(double[] rewards) {
    if (rewards.length == 1) {
      return rewards.clone();
    }
    double mean = mean(rewards);
    double[] advantages = new double[rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      advantages[i] = rewards[i] - mean;
    }
    return advantages;
  }

  /**
   * RLOO's advantage (Ahmadian et al. 2024, arXiv 2402.14740; verl's {@code rloo}): each sample's
   * baseline is the mean reward of the group's other samples,
   *
   * <pre>
   *   Â_i = r_i − (1/(K−1)) Σ_{j≠i} r_j  =  K/(K−1) · (r_i − mean_G r)
   * </pre>
   *
   * A group of one sample gets Â = r, as verl does.
   *
   * @param rewards r_1..r_K of one group
   */
  public static double[] rloo(double[] rewards) {
    int k = rewards.length;
    if (k == 1) {
      return rewards.clone();
    }
    double sum = 0;
    for (double r : rewards) {
      sum += r;
    }
    double[] advantages = new double[k];
    for (int i = 0; i < k; i++) {
      advantages[i] = rewards[i] - (sum - rewards[i]) / (k - 1);
    }
    return advantages;
  }

  /**
   * REINFORCE++'s advantage (Hu et al. 2025, arXiv 2501.03262; verl's {@code reinforce_plus_plus})
   * for an outcome reward without discount: every token's return Σ_{s≥t} γ^{s−t} r_s is the
   * sequence's reward (γ = 1, the reward on the last token), whitened over all tokens of the batch
   * ({@link #whitenOverTokens}).
   *
   * @param rewards r_i of every sequence of the batch
   * @param lengths |y_i|, the tokens each sequence's return is repeated over
   */
  public static double[] reinforcePlusPlus(double[] rewards, int[] lengths) {
    return whitenOverTokens(rewards, lengths);
  }

  /**
   * verl's {@code masked_whiten} of a per-sequence value repeated over each sequence's tokens: the
   * mean and unbiased variance are over the N = Σ_i |y_i| tokens, so a long sequence weighs more,
   *
   * <pre>
   *   μ = Σ_i |y_i| v_i / N      σ² = Σ_i |y_i| (v_i − μ)² / N · N/(N−1)      Â_i = (v_i − μ) / √(σ² + 1e−8)
   * </pre>
   *
   * (verl adds 1e−8 to N in both means too). With fewer than two tokens Â_i = v_i − μ.
   */
  public static double[] whitenOverTokens(double[] values, int[] lengths) {
    if (values.length != lengths.length) {
      throw new IllegalArgumentException(
          values.length + " values but " + lengths.length + " lengths");
    }
    double tokens = 0;
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      tokens += lengths[i];
      sum += lengths[i] * values[i];
    }
    double mean = sum / (tokens + WHITEN_EPSILON);
    double squares = 0;
    for (int i = 0; i < values.length; i++) {
      squares += lengths[i] * (values[i] - mean) * (values[i] - mean);
    }
    double variance = squares / (tokens + WHITEN_EPSILON) * tokens / (tokens - 1);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] =
          tokens < 2 ? values[i] - mean : (values[i] - mean) / Math.sqrt(variance + WHITEN_EPSILON);
    }
    return out;
  }

  /**
   * The standard deviation of {@code values}: unbiased (Bessel) or population; 0 for fewer than two
   * values. TRL's {@code scale_rewards: batch} divides group-centred advantages by that of the
   * whole batch's rewards.
   */
  public static double std(double[] values, boolean bessel) {
    int n = values.length;
    if (n < 2) {
      return 0;
    }
    return Math.sqrt(sumOfSquares(values, mean(values)) / (bessel ? n - 1 : n));
  }

  /**
   * O1-Pruner's advantage: the clipped rewards z-scored over the whole data set, with the
   * population standard deviation ({@code construct_dataset.py}):
   *
   * <pre>
   *   Adv_i = (R_i − mean(R)) / std(R)
   * </pre>
   *
   * When every reward is equal (std 0) every advantage is 0, where the code would divide by zero.
   */
  public static double[] zScore(double[] rewards) {
    double mean = mean(rewards);
    double std = Math.sqrt(sumOfSquares(rewards, mean) / rewards.length);
    double[] advantages = new double[rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      advantages[i] = std == 0 ? 0 : (rewards[i] - mean) / std;
    }
    return advantages;
  }

  /** Advantages and value targets of one sequence. */
  public record Gae(double[] advantages, double[] returns) {}

  /**
   * Generalised advantage estimation (Schulman et al. 2016) over the T tokens of one completion,
   * for PPO with a critic; the value after the last token is 0:
   *
   * <pre>
   *   δ_t = r_t + γ·V_{t+1} − V_t        A_t = δ_t + γλ·A_{t+1}        R_t = A_t + V_t
   * </pre>
   *
   * @param rewards r_t, usually 0 but for the last token (the sequence's reward)
   * @param values V_t from the critic
   */
  public static Gae gae(double[] rewards, double[] values, double gamma, double lambda) {
    int t = rewards.length;
    if (values.length != t) {
      throw new IllegalArgumentException(t + " rewards but " + values.length + " values");
    }
    double[] advantages = new double[t];
    double[] returns = new double[t];
    double next = 0;
    for (int i = t - 1; i >= 0; i--) {
      double nextValue = i + 1 < t ? values[i + 1] : 0;
      double delta = rewards[i] + gamma * nextValue - values[i];
      next = delta + gamma * lambda * next;
      advantages[i] = next;
      returns[i] = next + values[i];
    }
    return new Gae(advantages, returns);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double sumOfSquares(double[] values, double mean) {
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return sum;
  }
}
