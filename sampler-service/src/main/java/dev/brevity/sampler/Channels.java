package dev.brevity.sampler;

/** Channel names, shared by code, configuration and tests. */
public final class Channels {

  /** In: brevity.rollout-requests. */
  public static final String ROLLOUT_REQUESTS = "rollout-requests";

  /** Out: brevity.trace-fates. */
  public static final String TRACE_FATES = "trace-fates";

  private Channels() {}
}
