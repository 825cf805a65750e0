package dev.brevity.rewardservice;

/** Channel names, shared by code, configuration and tests. */
public final class Channels {

  /** In: brevity.traces. */
  public static final String TRACES = "traces";

  /** Out: brevity.scored-traces. */
  public static final String SCORED_TRACES = "scored-traces";

  private Channels() {}
}
