package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.brevity.ppo.PolicyLoss;
import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.ArrayList;
import java.util.List;

/**
 * DPO against the frozen reference (O1-Pruner's DPO baseline), one optimizer step over the work's
 * pairs: rollouts 2p (chosen, y_w) and 2p + 1 (rejected, y_l), kept in the same micro-batch,
 *
 * <pre>
 *   L = mean_pairs −log σ( β·[(log π_θ(y_w) − log π_ref(y_w)) − (log π_θ(y_l) − log π_ref(y_l))] )
 * </pre>
 *
 * with sequence log-probabilities ({@link PolicyLoss#dpo}); each micro-batch's mean is weighted by
 * its share of the rollouts.
 */
final class Dpo implements Objective {

  @Override
  public void train(Work.Update work, Trainer trainer) {
    List<Rollout> rollouts = work.rollouts();
    int microBatch = trainer.plan().objective().microBatch();
    List<float[]> ref =
        Tensors.logProbsWithoutGradients(
            trainer.reference(), rollouts, trainer.padId(), microBatch, 1.0);
    int pairs = rollouts.size() / 2;
    int pairsPerMicro = Math.max(1, microBatch / 2);
    List<List<Integer>> micros = new ArrayList<>(); // rollout indices, pairs kept together
    for (List<Integer> microPairs : Batches.chunks(Batches.indices(pairs), pairsPerMicro)) {
      List<Integer> micro = new ArrayList<>();
      microPairs.forEach(
          p -> {
            micro.add(2 * p);
            micro.add(2 * p + 1);
          });
      micros.add(micro);
    }
    double beta = trainer.plan().objective().dpoBeta();
    trainer.step(
        rollouts,
        micros,
        false,
        1.0, // off-policy data: π_θ itself, not a sampling distribution
        (micro, batch, scores, scope) -> {
          NDArray mask = scores.completionMask(); // (2P, T-1)
          NDArray sequenceLogp = scores.logProbs().mul(mask).sum(new int[] {1}); // (2P)
          float[] refSums = new float[micro.size()];
          for (int k = 0; k < micro.size(); k++) {
            for (float lp : ref.get(micro.get(k))) {
              refSums[k] += lp;
            }
          }
          NDArray refLogp = scope.create(refSums); // (2P)
          NDArray even = scope.arange(0, micro.size(), 2).toType(DataType.INT64, false); // (P)
          NDArray odd = even.add(1);
          return PolicyLoss.dpo(
                  sequenceLogp.get(even),
                  sequenceLogp.get(odd),
                  refLogp.get(even),
                  refLogp.get(odd),
                  beta)
              .mul((float) micro.size() / rollouts.size());
        });
  }
}
