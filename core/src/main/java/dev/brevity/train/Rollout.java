package dev.brevity.train;

/**
 * One scored trace as the trainer sees it: the tokens it trains on, the behaviour log-probabilities
 * the sampler recorded, and the reward-service's verdict.
 *
 * @param traceId unique id ({@code <requestId>/<sampleIndex>})
 * @param requestId the request it answers (its GRPO group)
 * @param problemId the problem
 * @param difficulty the problem's difficulty level
 * @param sampleIndex which of the request's samples
 * @param policyVersion the version that sampled it
 * @param stage the stage it was requested for
 * @param reference whether it is a reference sample (pre-sampling), not a training rollout
 * @param prompt prompt token ids
 * @param completion completion token ids
 * @param behaviourLogProbs log π_behaviour of each completion token, as sampled
 * @param finished whether it ended with EOS (not cut at the limit)
 * @param reward the run's reward for it
 * @param correct whether its answer is right (and it finished)
 */
public record Rollout(
    String traceId,
    String requestId,
    String problemId,
    int difficulty,
    int sampleIndex,
    long policyVersion,
    int stage,
    boolean reference,
    int[] prompt,
    int[] completion,
    float[] behaviourLogProbs,
    boolean finished,
    double reward,
    boolean correct) {

  /** Completion length in tokens. */
  public int length() {
    return completion.length;
  }
}
