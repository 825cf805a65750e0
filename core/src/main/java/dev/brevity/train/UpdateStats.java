package dev.brevity.train;

/**
 * The diagnostics of one update, as published in TrainingStep.
 *
 * @param loss the objective's value (mean over optimizer steps)
 * @param approxKl mean log π_old − log π_θ over trained tokens: how far the update moved
 * @param clipFraction share of tokens (sequences for O1-Pruner) where the clip was active
 * @param entropy mean per-token entropy of the policy on the trained tokens
 * @param referenceKl mean per-token KL estimate to the reference policy (NaN when not computed)
 * @param gradNorm global gradient norm before clipping (of the last optimizer step)
 * @param rewardMean mean reward of the trained rollouts
 * @param rewardStd their population standard deviation
 * @param lengthMean mean completion length in tokens
 * @param accuracy share of correct rollouts
 * @param traces rollouts trained
 * @param tokens tokens processed (prompt and completion) by the forward-backward passes
 * @param seconds wall time of the update
 * @param optimizerSteps AdamW steps taken
 * @param skippedSteps steps skipped for a non-finite gradient
 * @param learningRate the learning rate of the last step
 * @param explainedVariance 1 − Var(R − V)/Var(R) of the value head (PPO), NaN without a critic
 */
public record UpdateStats(
    double loss,
    double approxKl,
    double clipFraction,
    double entropy,
    double referenceKl,
    double gradNorm,
    double rewardMean,
    double rewardStd,
    double lengthMean,
    double accuracy,
    int traces,
    long tokens,
    double seconds,
    int optimizerSteps,
    int skippedSteps,
    double learningRate,
    double explainedVariance) {

  /** Tokens per second of the forward-backward passes. */
  public double tokensPerSecond() {
    return seconds > 0 ? tokens / seconds : 0;
  }
}
