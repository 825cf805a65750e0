package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.ppo.KlEstimators;
import dev.brevity.ppo.PolicyLoss;
import dev.brevity.run.PolicyGradient;
import dev.brevity.run.RunPlan;
import dev.brevity.run.RunPlan.Aggregation;
import dev.brevity.run.RunPlan.ImportanceSampling;
import dev.brevity.run.RunPlan.KlMode;
import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Token-level PPO-clip against the policy at the update's start (GRPO, ThinkPrune, O1-Pruner
 * online, classic PPO), per token t of rollout i:
 *
 * <pre>
 *   ℓ_t = w_t · max(−Â_i ρ_t, −Â_i clip(ρ_t, 1 − ε_low, 1 + ε_high)) + β·KL_t − c_H·H_t
 *   ρ_t = π_θ(y_t) / π_old(y_t)     π_old = the policy at the update's start (recomputed)
 *         (with {@code ratio: sequence}, GSPO's s_i,t: {@link PolicyLoss#sequenceRatioTerms})
 *   π(·) = softmax(z / T)           T = the sampling temperature, for π_θ, π_old and π_ref alike
 *   w_t = min(π_old(y_t) / π_behaviour(y_t), cap)   with truncated importance sampling, else 1
 * </pre>
 *
 * with dual-clip's cap −Â·c for negative advantages ({@link PolicyLoss#tokenClipTerms}), aggregated
 * as the token mean over the minibatch, the mean of per-sequence means, or Dr. GRPO's per-sequence
 * sums over L_max ({@link #normaliser}), over {@code ppo-epochs} passes of {@code minibatches}
 * optimizer steps each. With {@code kl-mode: reward} the KL instead lowers the reward, r_i − β·Σ_t
 * KL_t, before advantages. With a critic (GAE advantages, classic PPO) Â is per token, Â_t, and
 * each token adds the value loss ½·c_V·(V_θ(s_t) − R_t)² ({@link Critic}).
 */
final class TokenClip implements Objective {

  /** What the per-token loss needs besides π_θ's scores, per rollout of the update. */
  private record Inputs(
      List<float[]> old,
      List<float[]> ref,
      double[] advantages,
      Critic.Targets targets,
      List<float[]> weights) {}

  @Override
  public void train(Work.Update work, Trainer trainer) {
    List<Rollout> rollouts = work.rollouts();
    RunPlan plan = trainer.plan();
    RunPlan.Objective o = plan.objective();
    double temperature = plan.sampling().scoringTemperature(); // the policy that sampled: z / T
    List<float[]> old =
        Tensors.logProbsWithoutGradients(
            trainer.policy(), rollouts, trainer.padId(), o.microBatch(), temperature);
    boolean klNeeded = o.klCoef() > 0;
    List<float[]> ref =
        klNeeded
            ? Tensors.logProbsWithoutGradients(
                trainer.reference(), rollouts, trainer.padId(), o.microBatch(), temperature)
            : null;
    double[] rewards = rollouts.stream().mapToDouble(Rollout::reward).toArray();
    boolean klInReward = klNeeded && o.klMode() == KlMode.REWARD;
    boolean critic = work.advantage() == Work.Advantage.GAE;
    if (klInReward && !critic) {
      penaliseKl(rewards, old, ref, o);
    }
    double[] advantages = critic ? null : advantages(work, trainer, rewards, klInReward);
    Critic.Targets targets =
        critic ? Critic.targets(trainer, rollouts, rewards, old, klInReward ? ref : null) : null;
    List<float[]> weights =
        o.importanceSampling() == ImportanceSampling.TRUNCATED
            ? importanceWeights(rollouts, old, o.importanceCap())
            : null;
    Inputs inputs = new Inputs(old, ref, advantages, targets, weights);
    Random shuffle = new Random(plan.data().seed() * 31 + trainer.optimizerSteps());
    List<Integer> order = Batches.indices(rollouts.size());
    for (int epoch = 0; epoch < o.ppoEpochs(); epoch++) {
      Collections.shuffle(order, shuffle);
      for (List<Integer> minibatch : Batches.split(order, o.minibatches())) {
        double denominator =
            normaliser(
                o.aggregation(),
                minibatch.stream().map(rollouts::get).toList(),
                plan.sampling().maxNewTokens(rollouts.get(0).stage()));
        trainer.step(
            rollouts,
            Batches.chunks(minibatch, o.microBatch()),
            critic,
            temperature,
            (micro, batch, scores, scope) ->
                loss(trainer, inputs, micro, batch, scores, scope).div((float) denominator));
      }
    }
  }

  /** r_i − β·Σ_t KL_t for each rollout, KL_t by the plan's estimator from log π_old, log π_ref. */
  private static void penaliseKl(
      double[] rewards, List<float[]> old, List<float[]> ref, RunPlan.Objective o) {
    for (int i = 0; i < rewards.length; i++) {
      double sequenceKl = 0;
      for (int t = 0; t < old.get(i).length; t++) {
        sequenceKl += KlEstimators.of(o.klEstimator(), old.get(i)[t], ref.get(i)[t]);
      }
      rewards[i] -= o.klCoef() * sequenceKl;
    }
  }

  /**
   * The advantage of each rollout of the loss, its group's statistics taken with the work's
   * statistics-only rollouts too (overlong filtering: cut rollouts leave the loss, not the group).
   */
  private static double[] advantages(
      Work.Update work, Trainer trainer, double[] rewards, boolean klInReward) {
    List<Rollout> extra = work.statisticsOnly();
    if (extra.isEmpty()) {
      return SequenceAdvantages.of(work, work.rollouts(), rewards, trainer.plan());
    }
    RunPlan plan = trainer.plan();
    RunPlan.Objective o = plan.objective();
    double[] extraRewards = extra.stream().mapToDouble(Rollout::reward).toArray();
    if (klInReward) {
      double temperature = plan.sampling().scoringTemperature();
      penaliseKl(
          extraRewards,
          Tensors.logProbsWithoutGradients(
              trainer.policy(), extra, trainer.padId(), o.microBatch(), temperature),
          Tensors.logProbsWithoutGradients(
              trainer.reference(), extra, trainer.padId(), o.microBatch(), temperature),
          o);
    }
    return SequenceAdvantages.withStatisticsOnly(work, rewards, extraRewards, plan);
  }

  /**
   * What a minibatch's summed loss ({@link Tensors#aggregate}) is divided by: its token count for
   * the token mean, its size for the sequence mean, its size × L_max for Dr. GRPO's constant
   * normaliser, which, unlike the token mean, does not grow the step as outputs shorten.
   */
  static double normaliser(Aggregation aggregation, List<Rollout> minibatch, int maxTokens) {
    return switch (aggregation) {
      case TOKEN_MEAN -> minibatch.stream().mapToInt(Rollout::length).sum();
      case SEQUENCE_MEAN -> minibatch.size();
      case SEQ_MEAN_TOKEN_SUM_NORM -> (double) minibatch.size() * maxTokens;
    };
  }

  /** w_t = min(π_old(y_t) / π_behaviour(y_t), cap) per completion token. */
  static List<float[]> importanceWeights(List<Rollout> rollouts, List<float[]> old, double cap) {
    List<float[]> weights = new ArrayList<>();
    for (int i = 0; i < rollouts.size(); i++) {
      float[] behaviour = rollouts.get(i).behaviourLogProbs();
      float[] w = new float[old.get(i).length];
      for (int t = 0; t < w.length; t++) {
        double logRatio = t < behaviour.length ? old.get(i)[t] - behaviour[t] : 0;
        w[t] = (float) Math.min(Math.exp(logRatio), cap);
      }
      weights.add(w);
    }
    return weights;
  }

  /** A micro-batch's aggregated loss, before the division by the minibatch's size. */
  private static NDArray loss(
      Trainer trainer,
      Inputs in,
      List<Integer> micro,
      List<Rollout> batch,
      TokenScores scores,
      NDManager scope) {
    RunPlan.Objective o = trainer.plan().objective();
    UpdateTotals totals = trainer.totals();
    NDArray mask = scores.completionMask(); // (B, T-1)
    NDArray oldLogp = Tensors.aligned(batch, Batches.pick(in.old(), micro), scope, scores);
    NDArray adv =
        in.targets() != null
            ? Tensors.aligned(batch, Batches.pick(in.targets().advantages(), micro), scope, scores)
            : Tensors.alignedConstant(batch, Batches.pick(in.advantages(), micro), scope, scores);
    PolicyLoss.TokenTerms terms =
        trainer.plan().policyGradient().ratio() == PolicyGradient.Ratio.SEQUENCE
            ? PolicyLoss.sequenceRatioTerms(scores.logProbs(), oldLogp, adv, mask, o.clip())
            : PolicyLoss.tokenClipTerms(scores.logProbs(), oldLogp, adv, o.clip());
    NDArray perToken = terms.loss(); // (B, T-1)
    if (in.weights() != null) {
      perToken =
          perToken.mul(Tensors.aligned(batch, Batches.pick(in.weights(), micro), scope, scores));
    }
    if (in.ref() != null) {
      NDArray kl =
          KlEstimators.of(
              o.klEstimator(),
              scores.logProbs(),
              Tensors.aligned(batch, Batches.pick(in.ref(), micro), scope, scores)); // (B, T-1)
      totals.observeReferenceKl(kl, mask);
      if (o.klMode() == KlMode.LOSS) {
        perToken = perToken.add(kl.mul((float) o.klCoef()));
      }
    }
    if (o.entropyCoef() > 0) {
      perToken = perToken.sub(scores.entropy().mul((float) o.entropyCoef()));
    }
    if (in.targets() != null) {
      NDArray returns =
          Tensors.aligned(batch, Batches.pick(in.targets().returns(), micro), scope, scores);
      perToken = perToken.add(Critic.loss(trainer.valueHead(), scores, returns, o.valueCoef()));
    }
    totals.observeClip(terms, mask);
    return Tensors.aggregate(perToken, mask, o.aggregation());
  }
}
