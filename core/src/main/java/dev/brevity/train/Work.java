package dev.brevity.train;

import java.util.List;

/** What the trainer must do next, as the run driver decides it. */
public sealed interface Work {

  /** The loss an update minimises. */
  enum Objective {
    /** Token-level PPO-clip against the policy at the update's start (GRPO, O1-online). */
    TOKEN_CLIP,
    /** O1-Pruner's length-normalised sequence ratio against the frozen reference. */
    SEQUENCE_CLIP_VS_REFERENCE,
    /** Supervised fine-tuning (negative log-likelihood) on the rollouts. */
    SFT,
    /** DPO on (chosen, rejected) pairs: rollouts 0,1 are the first pair, 2,3 the next, … */
    DPO
  }

  /** How advantages come from rewards. */
  enum Advantage {
    /** GRPO: normalised within each request's group. */
    GROUP,
    /** z-score over the batch. */
    BATCH,
    /** Per token, from the value head: GAE(γ, λ), whitened over the batch (classic PPO). */
    GAE,
    /** Given with the work (O1-Pruner: z-scored over the whole data set). */
    GIVEN,
    /** Not used by the objective. */
    NONE
  }

  /**
   * One update of the policy.
   *
   * @param rollouts what it trains on (stale and filtered ones removed)
   * @param given advantages when {@code advantage} is GIVEN, aligned with rollouts; else empty
   * @param stale the fates of the batch's rollouts beyond the staleness bound
   * @param statisticsOnly rollouts that count in their group's advantage statistics but not in the
   *     loss (overlong filtering); their fates are among {@code filtered}
   * @param filtered the FILTERED fates of the batch's rollouts the update leaves out of its loss
   */
  record Update(
      Objective objective,
      Advantage advantage,
      List<Rollout> rollouts,
      double[] given,
      List<DecidedFate> stale,
      List<Rollout> statisticsOnly,
      List<DecidedFate> filtered)
      implements Work {

    /** An update that trains on every rollout it was not refused for staleness. */
    public Update(
        Objective objective,
        Advantage advantage,
        List<Rollout> rollouts,
        double[] given,
        List<DecidedFate> stale) {
      this(objective, advantage, rollouts, given, stale, List.of(), List.of());
    }
  }

  /**
   * Dynamic sampling: the oldest batch holds too few groups whose rewards differ, so {@code
   * prompts} more prompts are requested for it before it is trained.
   */
  record MoreSamples(long batch, int prompts) implements Work {}

  /** Every reference sample is in: the online phase can begin (O1-Pruner online). */
  record ReferenceComplete() implements Work {}
}
