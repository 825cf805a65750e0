package dev.brevity.train;

/**
 * How a trace ended, as the trainer decides it.
 *
 * @param policyVersion the version that sampled the trace
 * @param trainedAtVersion the version the update trained (for {@link Kind#TRAINED}), else -1
 */
public record DecidedFate(
    String traceId, long policyVersion, Kind kind, long trainedAtVersion, String reason) {

  /** The trainer's fates (the sampler gives FAILED, services DEAD_LETTERED). */
  public enum Kind {
    TRAINED,
    STALE,
    FILTERED
  }

  static DecidedFate trained(Rollout rollout, long atVersion) {
    return new DecidedFate(
        rollout.traceId(), rollout.policyVersion(), Kind.TRAINED, atVersion, null);
  }

  static DecidedFate stale(Rollout rollout, long atVersion, int maxStaleness) {
    return new DecidedFate(
        rollout.traceId(),
        rollout.policyVersion(),
        Kind.STALE,
        -1,
        "sampled at version "
            + rollout.policyVersion()
            + ", update at version "
            + atVersion
            + " exceeds max-staleness "
            + maxStaleness);
  }

  static DecidedFate filtered(Rollout rollout, String reason) {
    return new DecidedFate(rollout.traceId(), rollout.policyVersion(), Kind.FILTERED, -1, reason);
  }
}
