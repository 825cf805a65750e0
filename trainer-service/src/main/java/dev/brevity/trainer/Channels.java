package dev.brevity.trainer;

/** Channel names, shared by code, configuration and tests. */
public final class Channels {

  /** In: brevity.runs. */
  public static final String RUNS = "runs";

  /** Out: brevity.runs, RunStatus events. */
  public static final String RUN_STATUS = "run-status";

  private Channels() {}
}
