package dev.brevity.train;

import dev.brevity.policy.SamplingConfig;
import dev.brevity.run.RunPlan;
import dev.brevity.task.Prompts;
import dev.brevity.task.TaskProblem;

/**
 * A rollout request the trainer issues: K samples of one problem from one policy version.
 *
 * @param seed base seed; sample i uses seed + i
 * @param maxStaleness η, carried for the sampler and the record
 */
public record Request(
    String requestId,
    TaskProblem problem,
    long policyVersion,
    int samples,
    int stage,
    boolean reference,
    double temperature,
    double topP,
    int maxNewTokens,
    long seed,
    int maxStaleness) {

  /**
   * The prompt text its samples continue: the plain prompt for reference samples, else the run's
   * training prompt of the request's stage ({@code state-limit}).
   */
  public String prompt(RunPlan plan) {
    return reference ? Prompts.of(problem) : plan.sampling().prompt(problem, stage);
  }

  /** The request's sampling settings; sample i samples with {@code sampling().forSample(i)}. */
  public SamplingConfig sampling() {
    return new SamplingConfig((float) temperature, (float) topP, 0, maxNewTokens, seed);
  }

  /** The trace id of sample {@code index} of request {@code requestId}: unique per pair. */
  public static String traceId(String requestId, int index) {
    return requestId + "/" + index;
  }
}
