package dev.brevity.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.brevity.policy.AdamW;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.run.RunPlan;
import dev.brevity.train.objective.Objective;
import dev.brevity.train.objective.Trainer;
import dev.brevity.train.objective.UpdateTotals;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies one update of a run to the policy's weights: the objective the work names ({@link
 * Objective}: token-level PPO-clip, O1-Pruner's sequence ratio, SFT, DPO), gradient accumulation
 * over micro-batches, global gradient-norm clipping and AdamW with the plan's warm-up. It owns the
 * policy, the frozen reference π_ref (loaded when an objective first needs it, re-anchored by
 * {@link #referTo}), the value head of classic PPO and the optimizer state. CPU or GPU is the DJL
 * engine's device; the code path is the same.
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
    if (MethodRecipe.of(plan.method()).critic()) {
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
    return Collections.unmodifiableMap(trainable);
  }

  /**
   * Loads the weights of a checkpoint (the run's, or a stage's start) and its optimizer state after
   * {@code optimizerSteps} steps, or a fresh optimizer.
   */
  public void restore(Path checkpoint, long optimizerSteps, boolean freshOptimizer) {
    AdamW restored =
        TrainerCheckpoints.load(
            checkpoint, trainable, policy.manager(), hyper(plan), optimizerSteps, freshOptimizer);
    optimizer.close();
    optimizer = restored;
    this.optimizerSteps = freshOptimizer ? 0 : optimizerSteps;
  }

  /** Writes the weights, optimizer state and run state as a checkpoint into {@code dir}. */
  public void save(Path dir, Path tokenizerJson, String stateJson) {
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
    UpdateTotals totals = new UpdateTotals();
    if (!work.rollouts().isEmpty()) {
      Objective.of(work.objective()).train(work, new Steps(totals));
    }
    return totals.stats(work.rollouts(), (System.nanoTime() - began) / 1e9);
  }

  /** Clips the global gradient norm and takes one AdamW step (or skips a non-finite one). */
  private void optimizerStep(double loss, UpdateTotals totals) {
    double norm = AdamW.gradientNorm(trainable);
    double clip = plan.optimizer().gradClip();
    double scale = clip > 0 && norm > clip ? clip / norm : 1.0;
    double lr = learningRate(optimizerSteps);
    boolean finite = Double.isFinite(norm) && Double.isFinite(loss);
    if (finite) {
      optimizer.step(trainable, lr, scale);
      optimizerSteps++; // as AdamW counts: a resumed run continues the same schedule
    } else {
      AdamW.skip(trainable);
    }
    totals.observeStep(loss, norm, lr, !finite);
  }

  /** Linear warm-up to the plan's learning rate, then constant (verl's default). */
  double learningRate(long step) {
    int warmup = plan.optimizer().warmupSteps();
    double base = plan.optimizer().learningRate();
    return warmup > 0 && step < warmup ? base * (step + 1) / warmup : base;
  }

  private LlamaModel reference() {
    if (reference == null) {
      reference = referenceLoader.get();
      reference.weights().values().forEach(w -> w.setRequiresGradient(false));
    }
    return reference;
  }

  @Override
  public void close() {
    optimizer.close();
    if (reference != null) {
      reference.close();
    }
  }

  /** What the objectives train with during one update: this updater and its running totals. */
  private final class Steps implements Trainer {

    private final UpdateTotals totals;

    Steps(UpdateTotals totals) {
      this.totals = totals;
    }

    @Override
    public RunPlan plan() {
      return plan;
    }

    @Override
    public LlamaModel policy() {
      return policy;
    }

    @Override
    public LlamaModel reference() {
      return PolicyUpdater.this.reference();
    }

    @Override
    public Map<String, NDArray> valueHead() {
      return valueHead;
    }

    @Override
    public int padId() {
      return padId;
    }

    @Override
    public long optimizerSteps() {
      return optimizerSteps;
    }

    @Override
    public UpdateTotals totals() {
      return totals;
    }

    @Override
    public void step(
        List<Rollout> rollouts,
        List<List<Integer>> micros,
        boolean withHidden,
        double temperature,
        Trainer.MicroLoss microLoss) {
      double loss = 0;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        for (List<Integer> micro : micros) {
          try (NDManager scope = policy.manager().newSubManager()) {
            List<Rollout> batch = micro.stream().map(rollouts::get).toList();
            totals.addTokens(batch.stream().mapToLong(r -> r.prompt().length + r.length()).sum());
            TokenScores scores =
                SequenceScorer.score(
                    policy,
                    batch.stream().map(Rollout::prompt).toList(),
                    batch.stream().map(Rollout::completion).toList(),
                    padId,
                    scope,
                    withHidden,
                    temperature);
            NDArray value = microLoss.of(micro, batch, scores, scope);
            collector.backward(value);
            loss += value.getFloat();
            totals.observe(scores);
          }
        }
      }
      optimizerStep(loss, totals);
    }
  }
}
