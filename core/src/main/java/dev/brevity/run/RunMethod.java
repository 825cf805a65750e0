package dev.brevity.run;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The pruning methods a run can ask for, by the id written in a run config. */
public enum RunMethod {
  /** O1-Pruner as its code does it: offline, samples of the reference policy only. */
  O1_PRUNER("o1-pruner"),
  /** O1-Pruner's formula with samples from the current policy. */
  O1_PRUNER_ONLINE("o1-pruner-online"),
  /** ThinkPrune: GRPO with a token-limit reward and an iterative schedule of limits. */
  THINKPRUNE("thinkprune");

  private final String id;

  RunMethod(String id) {
    this.id = id;
  }

  /** The id as written in a run config, e.g. {@code thinkprune}. */
  public String id() {
    return id;
  }

  /**
   * The method with this id.
   *
   * @throws IllegalArgumentException naming the valid ids
   */
  public static RunMethod fromId(String id) {
    for (RunMethod method : values()) {
      if (method.id.equals(id)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown method '" + id + "'; valid methods: " + validIds());
  }

  /** The valid ids, comma-separated. */
  public static String validIds() {
    return Arrays.stream(values()).map(RunMethod::id).collect(Collectors.joining(", "));
  }
}
