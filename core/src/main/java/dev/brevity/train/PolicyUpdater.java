package dev.brevity.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.brevity.policy.AdamW;
import dev.brevity.policy.GradMode;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.policy.SequenceScorer.CompletionScores;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.ppo.Advantages;
import dev.brevity.ppo.KlEstimators;
import dev.brevity.ppo.PolicyLoss;
import dev.brevity.run.RunPlan;
import dev.brevity.run.RunPlan.Aggregation;
import dev.brevity.run.RunPlan.ImportanceSampling;
import dev.brevity.run.RunPlan.KlMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Applies one update of a run to the policy's weights: the objective the work names, the KL to the
 * reference and the entropy bonus the plan asks for, gradient accumulation over micro-batches,
 * global gradient-norm clipping and AdamW. CPU or GPU is the DJL engine's device; the code path is
 * the same.
 *
 * <p>For PPO-clip (GRPO, O1-Pruner online) per token t of rollout i:
 *
 * <pre>
 *   ℓ_t = w_t · max(−Â_i ρ_t, −Â_i clip(ρ_t, 1 − ε_low, 1 + ε_high)) + β·KL_t − c_H·H_t
 *   ρ_t = π_θ(y_t) / π_old(y_t)     π_old = the policy at the update's start (recomputed)
 *   w_t = min(π_old(y_t) / π_behaviour(y_t), cap)   with truncated importance sampling, else 1
 * </pre>
 *
 * aggregated as the token mean over the minibatch (or the mean of per-sequence means); with {@code
 * kl-mode: reward} the KL instead lowers the reward, r_i − β·Σ_t KL_t, before advantages.
 */
public final class PolicyUpdater implements AutoCloseable {

  private final LlamaModel policy;
  private Supplier<LlamaModel> referenceLoader;
  private final RunPlan plan;
  private final int padId;
  private final Map<String, NDArray> valueHead;
  private final Map<String, NDArray> trainable = new LinkedHashMap<>();
  private LlamaModel reference;
  private long referenceVersion; // the run version π_ref is (0: the base model)
  private AdamW optimizer;
  private long optimizerSteps;
  private double explainedVariance = Double.NaN;

  /**
   * A fresh updater: a new optimizer, and for {@code ppo} a zero-initialised value head.
   *
   * @param policy the trainable policy (weights with gradients)
   * @param reference loads the frozen reference policy, the run's base model (version 0), when
   *     first needed
   */
  public PolicyUpdater(LlamaModel policy, Supplier<LlamaModel> reference, RunPlan plan, int padId) {
    this.policy = policy;
    this.referenceLoader = reference;
    this.plan = plan;
    this.padId = padId;
    this.optimizer = new AdamW(hyper(plan), policy.manager());
    trainable.putAll(policy.weights());
    if (plan.method() == dev.brevity.run.RunMethod.PPO) {
      valueHead = ValueHead.initialize(policy.config().hiddenSize(), policy.manager());
      trainable.putAll(valueHead);
    } else {
      valueHead = null;
    }
    trainable.values().forEach(w -> w.setRequiresGradient(true));
  }

  public LlamaModel policy() {
    return policy;
  }

  public AdamW optimizer() {
    return optimizer;
  }

  /** Every weight the updates change: the policy's, and the value head's for PPO. */
  public Map<String, NDArray> trainable() {
    return java.util.Collections.unmodifiableMap(trainable);
  }

  /**
   * Loads the weights of a checkpoint (the run's, or a stage's start) and its optimizer state after
   * {@code optimizerSteps} steps, or a fresh optimizer.
   */
  public void restore(java.nio.file.Path checkpoint, long optimizerSteps, boolean freshOptimizer) {
    AdamW restored =
        TrainerCheckpoints.load(
            checkpoint, trainable, policy.manager(), hyper(plan), optimizerSteps, freshOptimizer);
    optimizer.close();
    optimizer = restored;
    this.optimizerSteps = freshOptimizer ? 0 : optimizerSteps;
  }

  /** Writes the weights, optimizer state and run state as a checkpoint into {@code dir}. */
  public void save(java.nio.file.Path dir, java.nio.file.Path tokenizerJson, String stateJson) {
    TrainerCheckpoints.write(dir, policy, trainable, optimizer, tokenizerJson, stateJson);
  }

  /**
   * Takes the KL term and the reference ratio against version {@code version} of the run from the
   * next update on; nothing changes when π_ref is that version already.
   *
   * @param loader loads that version's weights when they are first needed
   */
  public void referTo(long version, Supplier<LlamaModel> loader) {
    if (version == referenceVersion) {
      return;
    }
    if (reference != null) {
      reference.close();
      reference = null;
    }
    referenceLoader = loader;
    referenceVersion = version;
  }

  /** Starts the optimizer afresh (a new stage), keeping the weights. */
  public void resetOptimizer() {
    optimizer.close();
    optimizer = new AdamW(hyper(plan), policy.manager());
    optimizerSteps = 0;
  }

  /** AdamW's settings for a plan. */
  public static AdamW.Hyper hyper(RunPlan plan) {
    AdamW.Hyper standard = AdamW.Hyper.standard();
    return new AdamW.Hyper(
        standard.beta1(), standard.beta2(), standard.epsilon(), plan.optimizer().weightDecay());
  }

  /** Trains on one update's rollouts. */
  public UpdateStats update(Work.Update work) {
    long began = System.nanoTime();
    List<Rollout> rollouts = work.rollouts();
    Accumulator totals = new Accumulator();
    explainedVariance = Double.NaN;
    if (!rollouts.isEmpty()) {
      switch (work.objective()) {
        case TOKEN_CLIP -> tokenClip(work, totals);
        case SEQUENCE_CLIP_VS_REFERENCE -> sequenceClip(work, totals);
        case SFT -> supervised(rollouts, totals);
        case DPO -> dpo(rollouts, totals);
      }
    }
    double[] rewards = rollouts.stream().mapToDouble(Rollout::reward).toArray();
    double rewardMean = mean(rewards);
    double rewardVar = 0;
    for (double r : rewards) {
      rewardVar += (r - rewardMean) * (r - rewardMean);
    }
    return new UpdateStats(
        totals.loss / Math.max(1, totals.steps),
        totals.tokenRatio(totals.logRatio),
        totals.clipUnits > 0 ? totals.clipped / totals.clipUnits : 0,
        totals.tokenRatio(totals.entropy),
        totals.referenceTokens > 0 ? totals.referenceKl / totals.referenceTokens : Double.NaN,
        totals.gradNorm,
        rewardMean,
        rewards.length > 0 ? Math.sqrt(rewardVar / rewards.length) : 0,
        rollouts.stream().mapToInt(Rollout::length).average().orElse(0),
        rollouts.stream().mapToDouble(r -> r.correct() ? 1 : 0).average().orElse(0),
        rollouts.size(),
        totals.tokens,
        (System.nanoTime() - began) / 1e9,
        totals.steps,
        totals.skipped,
        totals.learningRate,
        explainedVariance);
  }

  // ---- PPO-clip (GRPO, O1-Pruner online) -------------------------------------------------------

  private void tokenClip(Work.Update work, Accumulator totals) {
    List<Rollout> rollouts = work.rollouts();
    RunPlan.Objective o = plan.objective();
    List<float[]> old = scoreWithoutGradients(policy, rollouts);
    boolean klNeeded = o.klCoef() > 0;
    List<float[]> ref = klNeeded ? scoreWithoutGradients(reference(), rollouts) : null;
    double[] rewards = rollouts.stream().mapToDouble(Rollout::reward).toArray();
    boolean klInReward = klNeeded && o.klMode() == KlMode.REWARD;
    boolean critic = work.advantage() == Work.Advantage.GAE;
    if (klInReward && !critic) {
      for (int i = 0; i < rewards.length; i++) {
        double sequenceKl = 0;
        for (int t = 0; t < old.get(i).length; t++) {
          sequenceKl += KlEstimators.of(o.klEstimator(), old.get(i)[t], ref.get(i)[t]);
        }
        rewards[i] -= o.klCoef() * sequenceKl;
      }
    }
    double[] advantages = critic ? null : advantages(work, rewards);
    List<float[]> tokenAdvantages = null;
    List<float[]> tokenReturns = null;
    if (critic) {
      List<float[][]> gae = gae(rollouts, rewards, old, klInReward ? ref : null);
      tokenAdvantages = gae.stream().map(g -> g[0]).toList();
      tokenReturns = gae.stream().map(g -> g[1]).toList();
    }
    List<float[]> weights = null;
    if (o.importanceSampling() == ImportanceSampling.TRUNCATED) {
      weights = new ArrayList<>();
      for (int i = 0; i < rollouts.size(); i++) {
        float[] behaviour = rollouts.get(i).behaviourLogProbs();
        float[] w = new float[old.get(i).length];
        for (int t = 0; t < w.length; t++) {
          double logRatio = t < behaviour.length ? old.get(i)[t] - behaviour[t] : 0;
          w[t] = (float) Math.min(Math.exp(logRatio), o.importanceCap());
        }
        weights.add(w);
      }
    }
    Random shuffle = new Random(plan.data().seed() * 31 + optimizerSteps);
    List<Integer> order = indices(rollouts.size());
    for (int epoch = 0; epoch < o.ppoEpochs(); epoch++) {
      Collections.shuffle(order, shuffle);
      for (List<Integer> minibatch : split(order, o.minibatches())) {
        double denominator =
            o.aggregation() == Aggregation.TOKEN_MEAN
                ? minibatch.stream().mapToInt(i -> rollouts.get(i).length()).sum()
                : minibatch.size();
        final List<float[]> w = weights;
        final double[] a = advantages;
        final List<float[]> tokenA = tokenAdvantages;
        final List<float[]> tokenR = tokenReturns;
        step(
            rollouts,
            chunks(minibatch, o.microBatch()),
            critic,
            totals,
            (micro, batch, scores, scope) -> {
              NDArray mask = scores.completionMask(); // (B, T-1)
              NDArray oldLogp = aligned(batch, pick(old, micro), scope, scores);
              NDArray adv =
                  critic
                      ? aligned(batch, pick(tokenA, micro), scope, scores)
                      : alignedConstant(batch, pick(a, micro), scope, scores);
              PolicyLoss.TokenTerms terms =
                  PolicyLoss.tokenClipTerms(
                      scores.logProbs(), oldLogp, adv, o.clipLow(), o.clipHigh());
              NDArray perToken = terms.loss(); // (B, T-1)
              if (w != null) {
                perToken = perToken.mul(aligned(batch, pick(w, micro), scope, scores));
              }
              if (klNeeded) {
                NDArray kl =
                    KlEstimators.of(
                        o.klEstimator(),
                        scores.logProbs(),
                        aligned(batch, pick(ref, micro), scope, scores));
                totals.referenceKl += kl.mul(mask).sum().getFloat();
                totals.referenceTokens += mask.sum().getFloat();
                if (o.klMode() == KlMode.LOSS) {
                  perToken = perToken.add(kl.mul((float) o.klCoef()));
                }
              }
              if (o.entropyCoef() > 0) {
                perToken = perToken.sub(scores.entropy().mul((float) o.entropyCoef()));
              }
              if (critic) {
                NDArray values = ValueHead.values(valueHead, scores.hidden()); // (B, T-1)
                NDArray targets = aligned(batch, pick(tokenR, micro), scope, scores);
                perToken =
                    perToken.add(values.sub(targets).square().mul((float) (0.5 * o.valueCoef())));
              }
              totals.observeClip(terms, mask);
              return aggregate(perToken, mask, o.aggregation()).div((float) denominator);
            });
      }
    }
  }

  /**
   * GAE per token with the value head's estimates before the update: the sequence's reward on its
   * last token (minus β·KL per token with {@code kl-mode: reward}), advantages whitened over every
   * token of the batch. Returns {advantages, returns} per rollout, and sets the explained variance
   * 1 − Var(R − V)/Var(R).
   */
  private List<float[][]> gae(
      List<Rollout> rollouts, double[] rewards, List<float[]> old, List<float[]> ref) {
    RunPlan.Objective o = plan.objective();
    List<float[]> values = valuesWithoutGradients(rollouts);
    List<Advantages.Gae> raw = new ArrayList<>();
    double sum = 0;
    double count = 0;
    for (int i = 0; i < rollouts.size(); i++) {
      int n = rollouts.get(i).length();
      double[] tokenRewards = new double[n];
      tokenRewards[n - 1] = rewards[i];
      if (ref != null) {
        for (int t = 0; t < n; t++) {
          tokenRewards[t] -=
              o.klCoef() * KlEstimators.of(o.klEstimator(), old.get(i)[t], ref.get(i)[t]);
        }
      }
      double[] v = new double[n];
      for (int t = 0; t < n; t++) {
        v[t] = values.get(i)[t];
      }
      Advantages.Gae g = Advantages.gae(tokenRewards, v, o.gaeGamma(), o.gaeLambda());
      raw.add(g);
      for (double a : g.advantages()) {
        sum += a;
        count++;
      }
    }
    double mean = sum / count;
    double squares = 0;
    for (Advantages.Gae g : raw) {
      for (double a : g.advantages()) {
        squares += (a - mean) * (a - mean);
      }
    }
    double std = Math.sqrt(squares / count);
    List<float[][]> out = new ArrayList<>();
    double returnSum = 0;
    for (Advantages.Gae g : raw) {
      for (double r : g.returns()) {
        returnSum += r;
      }
    }
    double returnMean = returnSum / count;
    double returnVar = 0;
    double residualVar = 0;
    for (int i = 0; i < raw.size(); i++) {
      Advantages.Gae g = raw.get(i);
      float[] a = new float[g.advantages().length];
      float[] r = new float[a.length];
      for (int t = 0; t < a.length; t++) {
        a[t] = (float) ((g.advantages()[t] - mean) / (std + 1e-8));
        r[t] = (float) g.returns()[t];
        returnVar += (g.returns()[t] - returnMean) * (g.returns()[t] - returnMean);
        double residual = g.returns()[t] - values.get(i)[t];
        residualVar += residual * residual;
      }
      out.add(new float[][] {a, r});
    }
    explainedVariance = returnVar > 0 ? 1 - residualVar / returnVar : Double.NaN;
    return out;
  }

  /** V(s_t) before each completion token, with gradients off. */
  private List<float[]> valuesWithoutGradients(List<Rollout> rollouts) {
    List<float[]> out = new ArrayList<>();
    for (List<Integer> micro : chunks(indices(rollouts.size()), plan.objective().microBatch())) {
      try (GradMode off = GradMode.disabled();
          NDManager scope = policy.manager().newSubManager()) {
        List<Rollout> batch = micro.stream().map(rollouts::get).toList();
        TokenScores scores =
            SequenceScorer.score(
                policy,
                batch.stream().map(Rollout::prompt).toList(),
                batch.stream().map(Rollout::completion).toList(),
                padId,
                scope,
                true);
        NDArray values = ValueHead.values(valueHead, scores.hidden()); // (B, T-1)
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

  private double[] advantages(Work.Update work, double[] rewards) {
    return switch (work.advantage()) {
      case GIVEN -> work.given();
      case GAE -> throw new IllegalStateException("GAE advantages are per token");
      case BATCH -> Advantages.zScore(rewards);
      case NONE -> new double[rewards.length];
      case GROUP -> {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<Rollout> rollouts = work.rollouts();
        for (int i = 0; i < rollouts.size(); i++) {
          groups.computeIfAbsent(rollouts.get(i).requestId(), g -> new ArrayList<>()).add(i);
        }
        double[] advantages = new double[rewards.length];
        for (List<Integer> group : groups.values()) {
          double[] groupRewards = group.stream().mapToDouble(i -> rewards[i]).toArray();
          double[] groupAdvantages =
              plan.objective().normAdvByStd()
                  ? Advantages.grpo(groupRewards, plan.objective().bessel())
                  : Advantages.centered(groupRewards);
          for (int k = 0; k < group.size(); k++) {
            advantages[group.get(k)] = groupAdvantages[k];
          }
        }
        yield advantages;
      }
    };
  }

  // ---- O1-Pruner: sequence ratio against the reference -----------------------------------------

  private void sequenceClip(Work.Update work, Accumulator totals) {
    List<Rollout> rollouts = work.rollouts();
    List<float[]> ref = scoreWithoutGradients(reference(), rollouts);
    step(
        rollouts,
        chunks(indices(rollouts.size()), plan.objective().microBatch()),
        false,
        totals,
        (micro, batch, scores, scope) -> {
          NDArray mask = scores.completionMask();
          NDArray refLogp = aligned(batch, pick(ref, micro), scope, scores);
          NDArray adv = scope.create(toFloats(pick(work.given(), micro)));
          PolicyLoss.Result result =
              PolicyLoss.sequenceClip(
                  scores.logProbs(), refLogp, adv, mask, plan.objective().clipHigh());
          totals.clipped += result.clipFraction() * micro.size();
          totals.clipUnits += micro.size();
          totals.logRatio += result.approxKl() * mask.sum().getFloat();
          return result.loss().mul((float) micro.size() / rollouts.size());
        });
  }

  // ---- baselines: SFT on the shortest, DPO -----------------------------------------------------

  private void supervised(List<Rollout> rollouts, Accumulator totals) {
    double tokens = rollouts.stream().mapToInt(Rollout::length).sum();
    step(
        rollouts,
        chunks(indices(rollouts.size()), plan.objective().microBatch()),
        false,
        totals,
        (micro, batch, scores, scope) ->
            scores.logProbs().mul(scores.completionMask()).sum().neg().div((float) tokens));
  }

  private void dpo(List<Rollout> rollouts, Accumulator totals) {
    List<float[]> ref = scoreWithoutGradients(reference(), rollouts);
    int pairs = rollouts.size() / 2;
    int pairsPerMicro = Math.max(1, plan.objective().microBatch() / 2);
    List<List<Integer>> micros = new ArrayList<>(); // rollout indices, pairs kept together
    for (List<Integer> microPairs : chunks(indices(pairs), pairsPerMicro)) {
      List<Integer> micro = new ArrayList<>();
      microPairs.forEach(
          p -> {
            micro.add(2 * p);
            micro.add(2 * p + 1);
          });
      micros.add(micro);
    }
    step(
        rollouts,
        micros,
        false,
        totals,
        (micro, batch, scores, scope) -> {
          NDArray mask = scores.completionMask();
          NDArray sequenceLogp = scores.logProbs().mul(mask).sum(new int[] {1}); // (2P)
          float[] refSums = new float[micro.size()];
          for (int k = 0; k < micro.size(); k++) {
            for (float lp : ref.get(micro.get(k))) {
              refSums[k] += lp;
            }
          }
          NDArray refLogp = scope.create(refSums); // (2P)
          NDArray even =
              scope.arange(0, micro.size(), 2).toType(ai.djl.ndarray.types.DataType.INT64, false);
          NDArray odd = even.add(1);
          return PolicyLoss.dpo(
                  sequenceLogp.get(even),
                  sequenceLogp.get(odd),
                  refLogp.get(even),
                  refLogp.get(odd),
                  plan.objective().dpoBeta())
              .mul((float) micro.size() / rollouts.size());
        });
  }

  // ---- shared pieces ---------------------------------------------------------------------------

  /** The loss of one micro-batch, its share of the step's loss, with gradients. */
  @FunctionalInterface
  private interface MicroLoss {
    NDArray of(List<Integer> micro, List<Rollout> batch, TokenScores scores, NDManager scope);
  }

  /**
   * One optimizer step: each micro-batch's forward pass and backward pass in turn (gradients add
   * up, so micro-batches only bound memory), then clipping and AdamW.
   */
  private void step(
      List<Rollout> rollouts,
      List<List<Integer>> micros,
      boolean withHidden,
      Accumulator totals,
      MicroLoss microLoss) {
    double loss = 0;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      for (List<Integer> micro : micros) {
        try (NDManager scope = policy.manager().newSubManager()) {
          List<Rollout> batch = micro.stream().map(rollouts::get).toList();
          TokenScores scores = score(batch, scope, totals, withHidden);
          NDArray value = microLoss.of(micro, batch, scores, scope);
          collector.backward(value);
          loss += value.getFloat();
          totals.observe(scores);
        }
      }
    }
    optimizerStep(loss, totals);
  }

  /** Clips the global gradient norm and takes one AdamW step (or skips a non-finite one). */
  private void optimizerStep(double loss, Accumulator totals) {
    double norm = AdamW.gradientNorm(trainable);
    double clip = plan.optimizer().gradClip();
    double scale = clip > 0 && norm > clip ? clip / norm : 1.0;
    double lr = learningRate(optimizerSteps);
    if (Double.isFinite(norm) && Double.isFinite(loss)) {
      optimizer.step(trainable, lr, scale);
      optimizerSteps++; // as AdamW counts: a resumed run continues the same schedule
    } else {
      AdamW.skip(trainable);
      totals.skipped++;
    }
    totals.steps++;
    totals.loss += loss;
    totals.gradNorm = norm;
    totals.learningRate = lr;
  }

  /** Linear warm-up to the plan's learning rate, then constant (verl's default). */
  double learningRate(long step) {
    int warmup = plan.optimizer().warmupSteps();
    double base = plan.optimizer().learningRate();
    return warmup > 0 && step < warmup ? base * (step + 1) / warmup : base;
  }

  private TokenScores score(
      List<Rollout> batch, NDManager scope, Accumulator totals, boolean withHidden) {
    List<int[]> prompts = batch.stream().map(Rollout::prompt).toList();
    List<int[]> completions = batch.stream().map(Rollout::completion).toList();
    totals.tokens += batch.stream().mapToLong(r -> r.prompt().length + r.length()).sum();
    return SequenceScorer.score(policy, prompts, completions, padId, scope, withHidden);
  }

  private List<float[]> scoreWithoutGradients(LlamaModel model, List<Rollout> rollouts) {
    List<float[]> out = new ArrayList<>();
    for (List<Integer> micro : chunks(indices(rollouts.size()), plan.objective().microBatch())) {
      List<Rollout> batch = micro.stream().map(rollouts::get).toList();
      for (CompletionScores scores :
          SequenceScorer.scoreWithoutGradients(
              model,
              batch.stream().map(Rollout::prompt).toList(),
              batch.stream().map(Rollout::completion).toList(),
              padId)) {
        out.add(scores.logProbs());
      }
    }
    return out;
  }

  /**
   * Per-completion-token values laid out like the scorer's (B, T-1) arrays: token j of row b sits
   * at column |prompt_b| − 1 + j; padding is 0.
   */
  private static NDArray aligned(
      List<Rollout> batch, List<float[]> values, NDManager scope, TokenScores scores) {
    Shape shape = scores.logProbs().getShape();
    int width = (int) shape.get(1);
    float[] out = new float[batch.size() * width];
    for (int b = 0; b < batch.size(); b++) {
      int start = batch.get(b).prompt().length - 1;
      float[] v = values.get(b);
      System.arraycopy(v, 0, out, b * width + start, v.length);
    }
    return scope.create(out, shape);
  }

  /** One value per row, repeated over its completion tokens (B, T-1). */
  private static NDArray alignedConstant(
      List<Rollout> batch, double[] perRow, NDManager scope, TokenScores scores) {
    List<float[]> values = new ArrayList<>();
    for (int b = 0; b < batch.size(); b++) {
      float[] v = new float[batch.get(b).length()];
      java.util.Arrays.fill(v, (float) perRow[b]);
      values.add(v);
    }
    return aligned(batch, values, scope, scores);
  }

  private static NDArray aggregate(NDArray perToken, NDArray mask, Aggregation aggregation) {
    NDArray masked = perToken.mul(mask); // (B, T-1)
    if (aggregation == Aggregation.TOKEN_MEAN) {
      return masked.sum(); // divided by the minibatch's token count by the caller
    }
    return masked.sum(new int[] {1}).div(mask.sum(new int[] {1})).sum(); // Σ_b mean_t
  }

  private LlamaModel reference() {
    if (reference == null) {
      reference = referenceLoader.get();
      reference.weights().values().forEach(w -> w.setRequiresGradient(false));
    }
    return reference;
  }

  private static List<Integer> indices(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** {@code parts} near-equal consecutive parts. */
  private static List<List<Integer>> split(List<Integer> items, int parts) {
    List<List<Integer>> out = new ArrayList<>();
    int n = items.size();
    int count = Math.min(parts, n);
    for (int p = 0; p < count; p++) {
      out.add(new ArrayList<>(items.subList(p * n / count, (p + 1) * n / count)));
    }
    return out;
  }

  private static List<List<Integer>> chunks(List<Integer> items, int size) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      out.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return out;
  }

  private static <T> List<T> pick(List<T> values, List<Integer> indices) {
    return indices.stream().map(values::get).toList();
  }

  private static double[] pick(double[] values, List<Integer> indices) {
    return indices.stream().mapToDouble(i -> values[i]).toArray();
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  @Override
  public void close() {
    optimizer.close();
    if (reference != null) {
      reference.close();
    }
  }

  /** Running sums of an update's diagnostics. */
  private static final class Accumulator {
    double loss;
    double logRatio;
    double entropy;
    double trainedTokens;
    double clipped;
    double clipUnits;
    double referenceKl;
    double referenceTokens;
    double gradNorm;
    double learningRate;
    long tokens;
    int steps;
    int skipped;

    /** Entropy and token count of a micro-batch. */
    void observe(TokenScores scores) {
      try (GradMode off = GradMode.disabled()) {
        NDArray mask = scores.completionMask();
        entropy += scores.entropy().mul(mask).sum().getFloat();
        trainedTokens += mask.sum().getFloat();
      }
    }

    /** Clip activity and log-ratio of a micro-batch's PPO terms. */
    void observeClip(PolicyLoss.TokenTerms terms, NDArray mask) {
      try (GradMode off = GradMode.disabled()) {
        clipped += terms.clipped().mul(mask).sum().getFloat();
        clipUnits += mask.sum().getFloat();
        logRatio += terms.logRatio().neg().mul(mask).sum().getFloat();
      }
    }

    double tokenRatio(double sum) {
      return trainedTokens > 0 ? sum / trainedTokens : 0;
    }
  }
}
