package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import dev.brevity.ppo.PolicyLoss;
import dev.brevity.run.RunPlan;
import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.List;

/**
 * O1-Pruner's sequence-level clip against the frozen reference ({@link PolicyLoss#sequenceClip}),
 * one optimizer step over the work's rows with their given advantages:
 *
 * <pre>
 *   ρ_i = exp( mean_t log π_θ(y_t) − mean_t log π_ref(y_t) )
 *   L   = mean_i max(−Â_i·ρ_i, −Â_i·clip(ρ_i, 1 − ε, 1 + ε))          ε = clip-high
 * </pre>
 *
 * Each micro-batch's mean is weighted by its share of the rows.
 */
final class SequenceClip implements Objective {

  @Override
  public void train(Work.Update work, Trainer trainer) {
    List<Rollout> rollouts = work.rollouts();
    RunPlan.Objective o = trainer.plan().objective();
    List<float[]> ref =
        Tensors.logProbsWithoutGradients(
            trainer.reference(), rollouts, trainer.padId(), o.microBatch(), 1.0);
    trainer.step(
        rollouts,
        Batches.chunks(Batches.indices(rollouts.size()), o.microBatch()),
        false,
        1.0, // off-policy data: π_θ itself, not a sampling distribution
        (micro, batch, scores, scope) -> {
          NDArray mask = scores.completionMask(); // (B, T-1)
          NDArray refLogp = Tensors.aligned(batch, Batches.pick(ref, micro), scope, scores);
          NDArray adv = scope.create(Tensors.toFloats(Batches.pick(work.given(), micro))); // (B)
          PolicyLoss.Result result =
              PolicyLoss.sequenceClip(scores.logProbs(), refLogp, adv, mask, o.clipHigh());
          trainer.totals().observeSequenceClip(result, micro.size(), mask);
          return result.loss().mul((float) micro.size() / rollouts.size());
        });
  }
}
