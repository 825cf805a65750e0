package dev.brevity.train.objective;

import dev.brevity.train.Work;

/**
 * A loss an update minimises: how it scores the work's rollouts, how it splits them into optimizer
 * steps and micro-batches, and what each micro-batch contributes to the step's loss. The updater
 * ({@link dev.brevity.train.PolicyUpdater}) owns the models, the optimizer and the diagnostics and
 * lends them through a {@link Trainer}.
 */
public interface Objective {

  /**
   * Takes the optimizer steps of one update on {@code work}'s rollouts (at least one).
   *
   * @param trainer the updater's models, optimizer steps and running diagnostics
   */
  void train(Work.Update work, Trainer trainer);

  /** The objective of a kind of work. */
  static Objective of(Work.Objective kind) {
    return switch (kind) {
      case TOKEN_CLIP -> new TokenClip();
      case SEQUENCE_CLIP_VS_REFERENCE -> new SequenceClip();
      case SFT -> new Supervised();
      case DPO -> new Dpo();
    };
  }
}
