package dev.brevity.train;

import dev.brevity.task.Problem;

/**
 * A rollout request the trainer issues: K samples of one problem from one policy version.
 *
 * @param seed base seed; sample i uses seed + i
 * @param maxStaleness η, carried for the sampler and the record
 */
public record Request(
    String requestId,
    Problem problem,
    long policyVersion,
    int samples,
    int stage,
    boolean reference,
    double temperature,
    double topP,
    int maxNewTokens,
    long seed,
    int maxStaleness) {}
