package dev.brevity.train.objective;

import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.List;

/**
 * Supervised fine-tuning (O1-Pruner's SFT baseline on the shortest correct samples): the negative
 * log-likelihood per completion token, one optimizer step over the work's rows,
 *
 * <pre>
 *   L = −Σ_i Σ_t log π_θ(y_{i,t}) / Σ_i |y_i|
 * </pre>
 */
final class Supervised implements Objective {

  @Override
  public void train(Work.Update work, Trainer trainer) {
    List<Rollout> rollouts = work.rollouts();
    double tokens = rollouts.stream().mapToInt(Rollout::length).sum();
    trainer.step(
        rollouts,
        Batches.chunks(Batches.indices(rollouts.size()), trainer.plan().objective().microBatch()),
        false,
        1.0, // off-policy data: π_θ itself, not a sampling distribution
        (micro, batch, scores, scope) ->
            scores.logProbs().mul(scores.completionMask()).sum().neg().div((float) tokens));
  }
}
