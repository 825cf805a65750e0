package dev.brevity.run;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The pruning methods a run can ask for, by the id written in a run config. */
public enum RunMethod {
  /** O1-Pruner as its code does it: offline, samples of the reference policy only. */
  O1_PRUNER("o1-pruner", Shape.OFFLINE, true),
  /** O1-Pruner's formula with samples from the current policy. */
  O1_PRUNER_ONLINE("o1-pruner-online", Shape.ONLINE, true),
  /** ThinkPrune: GRPO with a token-limit reward and an iterative schedule of limits. */
  THINKPRUNE("thinkprune", Shape.ONLINE, false),
  /** GRPO (group-normalised advantages, no critic) with any reward spec. */
  GRPO("grpo", Shape.ONLINE, false),
  /** Classic PPO: a value head (critic) and GAE, with any reward spec. */
  PPO("ppo", Shape.ONLINE, false),
  /** O1-Pruner's SFT baseline: fine-tune on the shortest correct reference samples. */
  SFT_SHORTEST("sft-shortest", Shape.OFFLINE, true),
  /** O1-Pruner's DPO baseline: shortest correct sample preferred over the longest correct one. */
  DPO("dpo", Shape.OFFLINE, true);

  /** How a method gets its data. */
  public enum Shape {
    /** Trains on samples of the current policy, batch after batch. */
    ONLINE,
    /** Trains epochs over a fixed data set of reference samples. */
    OFFLINE
  }

  private final String id;
  private final Shape shape;
  private final boolean referenceSamples;

  RunMethod(String id, Shape shape, boolean referenceSamples) {
    this.id = id;
    this.shape = shape;
    this.referenceSamples = referenceSamples;
  }

  /** The id as written in a run config, e.g. {@code thinkprune}. */
  public String id() {
    return id;
  }

  public Shape shape() {
    return shape;
  }

  /** Whether the run first samples the reference policy (reference statistics, data set). */
  public boolean needsReferenceSamples() {
    return referenceSamples;
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
