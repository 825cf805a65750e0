package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.GradMode;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.ppo.GaeBatch;
import dev.brevity.ppo.KlEstimators;
import dev.brevity.run.RunPlan;
import dev.brevity.train.Rollout;
import dev.brevity.train.ValueHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classic PPO's critic within the token-level clip: GAE targets from the value head's estimates
 * before the update, and the value loss that trains the head towards them.
 */
final class Critic {

  /**
   * Per-token advantages (whitened over the batch) and value targets of each rollout.
   *
   * @param advantages Â_t per completion token
   * @param returns R_t per completion token
   */
  record Targets(List<float[]> advantages, List<float[]> returns) {}

  private Critic() {}

  /**
   * GAE per token with the value head's estimates before the update: the sequence's reward on its
   * last token (minus β·KL per token with {@code kl-mode: reward}), advantages whitened over every
   * token of the batch ({@link GaeBatch}). Records the explained variance 1 − Var(R − V)/Var(R).
   *
   * @param old log π_old per token, for the KL in the reward
   * @param ref log π_ref per token with {@code kl-mode: reward}, else null
   */
  static Targets targets(
      Trainer trainer,
      List<Rollout> rollouts,
      double[] rewards,
      List<float[]> old,
      List<float[]> ref) {
    RunPlan.Objective o = trainer.plan().objective();
    List<float[]> values = valuesWithoutGradients(trainer, rollouts);
    List<double[]> tokenRewards = new ArrayList<>();
    List<double[]> tokenValues = new ArrayList<>();
    for (int i = 0; i < rollouts.size(); i++) {
      int n = rollouts.get(i).length();
      double[] r = new double[n];
      r[n - 1] = rewards[i];
      if (ref != null) {
        for (int t = 0; t < n; t++) {
          r[t] -= o.klCoef() * KlEstimators.of(o.klEstimator(), old.get(i)[t], ref.get(i)[t]);
        }
      }
      double[] v = new double[n];
      for (int t = 0; t < n; t++) {
        v[t] = values.get(i)[t];
      }
      tokenRewards.add(r);
      tokenValues.add(v);
    }
    GaeBatch.Result gae = GaeBatch.of(tokenRewards, tokenValues, o.gaeGamma(), o.gaeLambda());
    trainer.totals().explainedVariance(gae.explainedVariance());
    return new Targets(
        gae.advantages().stream().map(Tensors::toFloats).toList(),
        gae.returns().stream().map(Tensors::toFloats).toList());
  }

  /**
   * The value loss per token, ½·c_V·(V_θ(s_t) − R_t)².
   *
   * @param scores π_θ's scores with hidden states
   * @param returns (B, T-1) the targets R_t, aligned
   * @return (B, T-1)
   */
  static NDArray loss(
      Map<String, NDArray> valueHead, TokenScores scores, NDArray returns, double valueCoef) {
    NDArray values = ValueHead.values(valueHead, scores.hidden()); // (B, T-1)
    return values.sub(returns).square().mul((float) (0.5 * valueCoef));
  }

  /** V(s_t) before each completion token, with gradients off. */
  private static List<float[]> valuesWithoutGradients(Trainer trainer, List<Rollout> rollouts) {
    List<float[]> out = new ArrayList<>();
    int microBatch = trainer.plan().objective().microBatch();
    for (List<Integer> micro : Batches.chunks(Batches.indices(rollouts.size()), microBatch)) {
      try (GradMode off = GradMode.disabled();
          NDManager scope = trainer.policy().manager().newSubManager()) {
        List<Rollout> batch = micro.stream().map(rollouts::get).toList();
        TokenScores scores =
            SequenceScorer.score(
                trainer.policy(),
                batch.stream().map(Rollout::prompt).toList(),
                batch.stream().map(Rollout::completion).toList(),
                trainer.padId(),
                scope,
                true,
                1.0); // only the hidden states are read, and no temperature changes them
        NDArray values = ValueHead.values(trainer.valueHead(), scores.hidden()); // (B, T-1)
        long width = values.getShape().get(1);
        float[] flat = values.toFloatArray();
        for (int b = 0; b < batch.size(); b++) {
          int start = batch.get(b).prompt().length - 1;
          float[] v = new float[batch.get(b).length()];
          System.arraycopy(flat, (int) (b * width) + start, v, 0, v.length);
          out.add(v);
        }
      }
    }
    return out;
  }
}
