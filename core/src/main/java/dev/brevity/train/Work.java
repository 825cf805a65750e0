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
   * @param rollouts what it trains on (stale ones removed)
   * @param given advantages when {@code advantage} is GIVEN, aligned with rollouts; else empty
   * @param stale the fates of the batch's rollouts beyond the staleness bound
   */
  record Update(
      Objective objective,
      Advantage advantage,
      List<Rollout> rollouts,
      double[] given,
      List<DecidedFate> stale)
      implements Work {}

  /** Every reference sample is in: the online phase can begin (O1-Pruner online). */
  record ReferenceComplete() implements Work {}
}
