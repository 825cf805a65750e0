package dev.brevity.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * The clipped policy-gradient losses of the PPO family, on DJL arrays so that they carry gradients.
 * Shapes: B sequences, T completion positions; {@code mask} (B, T) is 1 on real completion tokens
 * and 0 on padding.
 */
public final class PolicyLoss {

  /** How per-token losses become one number. */
  public enum Aggregation {
    /** Mean over every real token of the batch (verl's default): long sequences weigh more. */
    TOKEN_MEAN,
    /** Mean over each sequence's tokens, then over sequences: every sequence weighs the same. */
    SEQUENCE_MEAN
  }

  /**
   * A loss and its diagnostics.
   *
   * @param loss () the scalar to minimise
   * @param clipFraction share of tokens (or sequences) where the clip is active
   * @param approxKl mean of log π_old − log π_θ over the same units: how far the update moved
   */
  public record Result(NDArray loss, double clipFraction, double approxKl) {}

  /**
   * PPO's clip range [1 − ε_low, 1 + ε_high] and dual-clip's cap c (0 for none). ε_low = ε_high =
   * 0.2 is PPO's; DAPO's clip-higher raises ε_high (0.28); verl's default c is 3.
   */
  public record Clip(double low, double high, double dual) {

    /** PPO's symmetric range, without dual-clip. */
    public static Clip symmetric(double epsilon) {
      return new Clip(epsilon, epsilon, 0);
    }
  }

  private PolicyLoss() {}

  /**
   * Token-level PPO-clip (Schulman et al. 2017), with ρ_t = π_θ(y_t)/π_old(y_t):
   *
   * <pre>
   *   L_t = max(−Â_t·ρ_t, −Â_t·clip(ρ_t, 1 − ε_low, 1 + ε_high))
   * </pre>
   *
   * with dual-clip's cap where {@code clip} has one ({@link #tokenClipTerms}).
   *
   * @param logProbs (B, T) log π_θ of the sampled tokens, with gradients
   * @param oldLogProbs (B, T) log π_old (the behaviour policy), no gradients
   * @param advantages (B, T), or (B, 1) for one advantage per sequence
   */
  public static Result tokenClip(
      NDArray logProbs,
      NDArray oldLogProbs,
      NDArray advantages,
      NDArray mask,
      Clip clip,
      Aggregation aggregation) {
    TokenTerms terms = tokenClipTerms(logProbs, oldLogProbs, advantages, clip);
    return new Result(
        aggregate(terms.loss(), mask, aggregation),
        aggregate(terms.clipped(), mask, aggregation).getFloat(),
        aggregate(terms.logRatio().neg(), mask, aggregation).getFloat());
  }

  /**
   * Per-token PPO-clip terms, before aggregation: for trainers that weight tokens or accumulate
   * micro-batches themselves.
   *
   * @param loss (B, T) max(−Â·ρ, −Â·clip(ρ)), with gradients
   * @param clipped (B, T) 1 where the clip is active, else 0
   * @param logRatio (B, T) log ρ = log π_θ − log π_old
   */
  public record TokenTerms(NDArray loss, NDArray clipped, NDArray logRatio) {}

  /**
   * The terms of {@link #tokenClip} per token, with dual-clip (Ye et al. 2020, "Mastering Complex
   * Control in MOBA Games with Deep RL"; verl's {@code clip_ratio_c}): for a negative advantage the
   * loss is also capped at −Â·c, so a token whose ratio has run far above 1 off-policy cannot
   * dominate the update,
   *
   * <pre>
   *   L_t = min(max(−Â·ρ, −Â·clip(ρ)), −Â·c)   if Â &lt; 0
   *       = max(−Â·ρ, −Â·clip(ρ))             otherwise
   * </pre>
   *
   * with c = {@code clip.dual()} &gt; 1, or no cap where it is 0.
   */
  public static TokenTerms tokenClipTerms(
      NDArray logProbs, NDArray oldLogProbs, NDArray advantages, Clip clip) {
    NDArray logRatio = logProbs.sub(oldLogProbs); // (B, T)
    return clipped(logRatio.exp(), logRatio, advantages, clip);
  }

  /**
   * GSPO's terms (Zheng et al. 2025, arXiv 2507.18071; verl's {@code gspo} loss) in its token form:
   * the ratio is the sequence's, the geometric mean of its tokens' ratios, carried on every token
   * with the token's own gradient,
   *
   * <pre>
   *   s_i    = exp( (1/|y_i|) Σ_t log(π_θ(y_t) / π_old(y_t)) )
   *   s_i,t  = sg[s_i] · π_θ(y_t) / sg[π_θ(y_t)]            (= s_i in value; ∇ = s_i·∇log π_θ(y_t))
   *   L_t    = max(−Â·s_i,t, −Â·clip(s_i,t, 1 − ε_low, 1 + ε_high))
   * </pre>
   *
   * so a whole sequence is clipped or not, and with Â_t = Â_i the sequence-mean of L_t has GSPO's
   * gradient. GSPO's ε is small (the paper: 3·10⁻⁴ and 4·10⁻⁴). As verl does, log s_i,t is capped
   * at 10. Dual-clip's cap applies as in {@link #tokenClipTerms}.
   *
   * @param logProbs (B, T) log π_θ, with gradients
   * @param oldLogProbs (B, T) log π_old, no gradients
   * @param advantages (B, T), or (B, 1)
   * @param mask (B, T) 1 on the completion tokens whose mean makes s_i
   * @return the per-token terms; {@code logRatio} is the tokens' own log ρ_t (for approx KL)
   */
  public static TokenTerms sequenceRatioTerms(
      NDArray logProbs, NDArray oldLogProbs, NDArray advantages, NDArray mask, Clip clip) {
    NDArray logRatio = logProbs.sub(oldLogProbs); // (B, T)
    NDArray tokens = mask.sum(new int[] {1}, true).maximum(1); // (B, 1)
    NDArray logS = logRatio.mul(mask).sum(new int[] {1}, true).div(tokens); // (B, 1)
    NDArray logSt =
        logProbs.sub(logProbs.stopGradient()).add(logS.stopGradient()).minimum(10); // (B, T)
    return clipped(logSt.exp(), logRatio, advantages, clip);
  }

  /** PPO's clipped terms of a ratio (B, T), with dual-clip's cap where {@code clip} has one. */
  private static TokenTerms clipped(
      NDArray ratio, NDArray logRatio, NDArray advantages, Clip clip) {
    NDArray unclipped = advantages.neg().mul(ratio);
    NDArray clipped = advantages.neg().mul(ratio.clip(1 - clip.low(), 1 + clip.high()));
    NDArray perToken = unclipped.maximum(clipped); // (B, T)
    NDArray active = clipped.gt(unclipped).toType(DataType.FLOAT32, false);
    if (clip.dual() > 0) {
      NDArray cap = advantages.neg().mul((float) clip.dual()).broadcast(perToken.getShape());
      NDArray negative = advantages.lt(0).broadcast(perToken.getShape()); // (B, T)
      NDArray capped = negative.logicalAnd(perToken.gt(cap));
      perToken = NDArrays.where(capped, cap, perToken);
      active = active.maximum(capped.toType(DataType.FLOAT32, false));
    }
    return new TokenTerms(perToken, active, logRatio);
  }

  /**
   * O1-Pruner's sequence-level loss ({@code wsft/trainer.py}), the ratio taken against the frozen
   * reference with per-token mean log-probabilities (length-normalised):
   *
   * <pre>
   *   ρ_i = exp( mean_t log π_θ(y_t) − mean_t log π_ref(y_t) )
   *   L   = mean_i max(−Â_i·ρ_i, −Â_i·clip(ρ_i, 1 − ε, 1 + ε))          ε = 0.2 in the code
   * </pre>
   *
   * @param logProbs (B, T) log π_θ, with gradients
   * @param referenceLogProbs (B, T) log π_ref, no gradients
   * @param advantages (B) one per sequence
   */
  public static Result sequenceClip(
      NDArray logProbs,
      NDArray referenceLogProbs,
      NDArray advantages,
      NDArray mask,
      double epsilon) {
    NDArray tokens = mask.sum(new int[] {1}); // (B)
    NDArray meanLogProb = logProbs.mul(mask).sum(new int[] {1}).div(tokens);
    NDArray meanReference = referenceLogProbs.mul(mask).sum(new int[] {1}).div(tokens);
    NDArray logRatio = meanLogProb.sub(meanReference); // (B)
    NDArray ratio = logRatio.exp();
    NDArray unclipped = advantages.neg().mul(ratio);
    NDArray clipped = advantages.neg().mul(ratio.clip(1 - epsilon, 1 + epsilon));
    NDArray perSequence = unclipped.maximum(clipped);
    return new Result(
        perSequence.mean(),
        clipped.gt(unclipped).toType(DataType.FLOAT32, false).mean().getFloat(),
        logRatio.neg().mean().getFloat());
  }

  /**
   * DPO (Rafailov et al. 2023), O1-Pruner's baseline with the shortest correct sample chosen over
   * the longest correct one:
   *
   * <pre>
   *   L = mean_pairs −log σ( β·[(log π_θ(y_w) − log π_ref(y_w)) − (log π_θ(y_l) − log π_ref(y_l))] )
   * </pre>
   *
   * with sequence log-probabilities (sums over completion tokens); −log σ(x) = softplus(−x).
   *
   * @param chosen (P) log π_θ(y_w), with gradients
   * @param rejected (P) log π_θ(y_l), with gradients
   * @param referenceChosen (P) log π_ref(y_w)
   * @param referenceRejected (P) log π_ref(y_l)
   * @return () the loss
   */
  public static NDArray dpo(
      NDArray chosen,
      NDArray rejected,
      NDArray referenceChosen,
      NDArray referenceRejected,
      double beta) {
    NDArray margin =
        chosen.sub(referenceChosen).sub(rejected.sub(referenceRejected)).mul((float) beta); // (P)
    NDArray negative = margin.neg();
    // softplus(z) = max(z, 0) + log(1 + e^{−|z|}), stable for large |z|
    NDArray softplus = negative.maximum(0).add(negative.abs().neg().exp().add(1).log());
    return softplus.mean();
  }

  private static NDArray aggregate(NDArray perToken, NDArray mask, Aggregation aggregation) {
    NDArray masked = perToken.mul(mask);
    if (aggregation == Aggregation.TOKEN_MEAN) {
      return masked.sum().div(mask.sum());
    }
    return masked.sum(new int[] {1}).div(mask.sum(new int[] {1})).mean();
  }
}
