package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import dev.brevity.policy.GradMode;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.ppo.PolicyLoss;
import dev.brevity.train.Rollout;
import dev.brevity.train.UpdateStats;
import java.util.List;

/** Running sums of an update's diagnostics, and the {@link UpdateStats} they come to. */
public final class UpdateTotals {

  private double loss;
  private double logRatio;
  private double entropy;
  private double trainedTokens;
  private double clipped;
  private double clipUnits;
  private double referenceKl;
  private double referenceTokens;
  private double gradNorm;
  private double learningRate;
  private double explainedVariance = Double.NaN;
  private long tokens;
  private int steps;
  private int skipped;

  /** Tokens (prompt and completion) of a forward-backward pass. */
  public void addTokens(long count) {
    tokens += count;
  }

  /** Entropy and token count of a micro-batch. */
  public void observe(TokenScores scores) {
    try (GradMode off = GradMode.disabled()) {
      NDArray mask = scores.completionMask();
      entropy += scores.entropy().mul(mask).sum().getFloat();
      trainedTokens += mask.sum().getFloat();
    }
  }

  /** Clip activity and log-ratio of a micro-batch's token-level PPO terms. */
  public void observeClip(PolicyLoss.TokenTerms terms, NDArray mask) {
    try (GradMode off = GradMode.disabled()) {
      clipped += terms.clipped().mul(mask).sum().getFloat();
      clipUnits += mask.sum().getFloat();
      logRatio += terms.logRatio().neg().mul(mask).sum().getFloat();
    }
  }

  /** Clip activity (per sequence) and log-ratio of a micro-batch's sequence-level loss. */
  public void observeSequenceClip(PolicyLoss.Result result, int sequences, NDArray mask) {
    clipped += result.clipFraction() * sequences;
    clipUnits += sequences;
    logRatio += result.approxKl() * mask.sum().getFloat();
  }

  /**
   * The KL estimate to the reference of a micro-batch's tokens.
   *
   * @param kl (B, T-1) per token
   * @param mask (B, T-1) 1 on completion tokens
   */
  public void observeReferenceKl(NDArray kl, NDArray mask) {
    referenceKl += kl.mul(mask).sum().getFloat();
    referenceTokens += mask.sum().getFloat();
  }

  /** The critic's explained variance before the update. */
  public void explainedVariance(double value) {
    explainedVariance = value;
  }

  /** An optimizer step taken, or skipped for a non-finite gradient. */
  public void observeStep(double stepLoss, double norm, double rate, boolean skippedStep) {
    if (skippedStep) {
      skipped++;
    }
    steps++;
    loss += stepLoss;
    gradNorm = norm;
    learningRate = rate;
  }

  /** The update's diagnostics, with those of its rollouts. */
  public UpdateStats stats(List<Rollout> rollouts, double seconds) {
    double[] rewards = rollouts.stream().mapToDouble(Rollout::reward).toArray();
    double rewardMean = mean(rewards);
    double rewardVar = 0;
    for (double r : rewards) {
      rewardVar += (r - rewardMean) * (r - rewardMean);
    }
    return new UpdateStats(
        loss / Math.max(1, steps),
        tokenRatio(logRatio),
        clipUnits > 0 ? clipped / clipUnits : 0,
        tokenRatio(entropy),
        referenceTokens > 0 ? referenceKl / referenceTokens : Double.NaN,
        gradNorm,
        rewardMean,
        rewards.length > 0 ? Math.sqrt(rewardVar / rewards.length) : 0,
        rollouts.stream().mapToInt(Rollout::length).average().orElse(0),
        rollouts.stream().mapToDouble(r -> r.correct() ? 1 : 0).average().orElse(0),
        rollouts.size(),
        tokens,
        seconds,
        steps,
        skipped,
        learningRate,
        explainedVariance);
  }

  private double tokenRatio(double sum) {
    return trainedTokens > 0 ? sum / trainedTokens : 0;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }
}
