package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.policy.SequenceScorer.CompletionScores;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.run.RunPlan.Aggregation;
import dev.brevity.train.Rollout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tensor plumbing the objectives share: per-completion-token values laid out like the scorer's
 * (B, T-1) arrays, the aggregation of per-token losses, and scoring without gradients.
 */
final class Tensors {

  private Tensors() {}

  /**
   * Per-completion-token values laid out like the scorer's (B, T-1) arrays: token j of row b sits
   * at column |prompt_b| − 1 + j; padding is 0.
   */
  static NDArray aligned(
      List<Rollout> batch, List<float[]> values, NDManager scope, TokenScores scores) {
    Shape shape = scores.logProbs().getShape();
    int width = (int) shape.get(1);
    float[] out = new float[batch.size() * width];
    for (int b = 0; b < batch.size(); b++) {
      int start = batch.get(b).prompt().length - 1;
      float[] v = values.get(b);
      System.arraycopy(v, 0, out, b * width + start, v.length);
    }
    return scope.create(out, shape); // (B, T-1)
  }

  /** One value per row, repeated over its completion tokens (B, T-1). */
  static NDArray alignedConstant(
      List<Rollout> batch, double[] perRow, NDManager scope, TokenScores scores) {
    List<float[]> values = new ArrayList<>();
    for (int b = 0; b < batch.size(); b++) {
      float[] v = new float[batch.get(b).length()];
      Arrays.fill(v, (float) perRow[b]);
      values.add(v);
    }
    return aligned(batch, values, scope, scores);
  }

  /**
   * The masked sum of per-token losses: Σ_{b,t} m_bt·ℓ_bt for the token mean and the constant
   * normaliser (the caller divides by the minibatch's token count, or its size × L_max), Σ_b mean_t
   * ℓ_bt for the sequence mean.
   *
   * @param perToken (B, T-1)
   * @param mask (B, T-1) 1 on completion tokens
   * @return () the sum
   */
  static NDArray aggregate(NDArray perToken, NDArray mask, Aggregation aggregation) {
    NDArray masked = perToken.mul(mask); // (B, T-1)
    if (aggregation != Aggregation.SEQUENCE_MEAN) {
      return masked.sum(); // divided by the caller
    }
    return masked.sum(new int[] {1}).div(mask.sum(new int[] {1})).sum(); // Σ_b mean_t
  }

  /**
   * log π(y_t) of every completion token of each rollout, in micro-batches, gradients off, with the
   * logits divided by {@code temperature} (see {@link SequenceScorer#score}).
   */
  static List<float[]> logProbsWithoutGradients(
      LlamaModel model, List<Rollout> rollouts, int padId, int microBatch, double temperature) {
    List<float[]> out = new ArrayList<>();
    for (List<Integer> micro : Batches.chunks(Batches.indices(rollouts.size()), microBatch)) {
      List<Rollout> batch = micro.stream().map(rollouts::get).toList();
      for (CompletionScores scores :
          SequenceScorer.scoreWithoutGradients(
              model,
              batch.stream().map(Rollout::prompt).toList(),
              batch.stream().map(Rollout::completion).toList(),
              padId,
              temperature)) {
        out.add(scores.logProbs());
      }
    }
    return out;
  }

  /** The values as floats. */
  static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
