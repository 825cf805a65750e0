package dev.brevity.eval;

/** Channel names, shared by code, configuration and tests. */
public final class Channels {

  /** In: brevity.eval-results. */
  public static final String EVAL_RESULTS = "eval-results";

  private Channels() {}
}
