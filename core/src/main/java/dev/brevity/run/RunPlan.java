package dev.brevity.run;

import dev.brevity.ppo.PolicyLoss;
import dev.brevity.task.LimitStatement;
import dev.brevity.task.TaskProblem;
import java.util.List;

/**
 * Everything a run is, read and checked from its configuration YAML before anything starts: a bad
 * key or value fails with a message naming the key and what it accepts. Keys are kebab-case and
 * flat; docs/TRAINER.md lists them with their defaults.
 *
 * @param method how the run trains
 * @param rewardSpecs the reward of each stage (one entry per stage)
 * @param data which problems
 * @param sampling how rollouts are sampled
 * @param optimizer AdamW settings
 * @param objective the loss
 * @param schedule steps, stages, staleness
 * @param offline reference sampling and the epochs of offline methods
 * @param policyGradient the advantage estimator, ratio and rollout filters of online methods
 */
public record RunPlan(
    RunMethod method,
    List<String> rewardSpecs,
    Data data,
    Sampling sampling,
    Optimizer optimizer,
    Objective objective,
    Schedule schedule,
    Offline offline,
    PolicyGradient policyGradient) {

  /**
   * The problems: the bundled task's train split ({@code dataset: arith}, {@code per-level}
   * problems of each level drawn with {@code problem-seed}), or a JSONL file.
   */
  public record Data(String dataset, int perLevel, long seed) {}

  /**
   * @param samples K rollouts per prompt (the GRPO group)
   * @param promptsPerStep prompts per update (online methods)
   * @param maxNewTokens token limit of each stage (ThinkPrune's L; the same for every stage
   *     otherwise)
   * @param statedLimit what the training prompts say of the length ({@code state-limit})
   * @param statedTokens the number each stage's prompts state: its token limit, or for L1's
   *     statements its reward's target
   */
  public record Sampling(
      int samples,
      int promptsPerStep,
      double temperature,
      double topP,
      List<Integer> maxNewTokens,
      LimitStatement statedLimit,
      List<Integer> statedTokens) {

    /** The prompt of {@code problem} in a training request of {@code stage}. */
    public String prompt(TaskProblem problem, int stage) {
      return statedLimit.prompt(
          problem, statedTokens.get(Math.min(stage, statedTokens.size() - 1)));
    }

    /** The token limit of {@code stage}. */
    public int maxNewTokens(int stage) {
      return maxNewTokens.get(Math.min(stage, maxNewTokens.size() - 1));
    }

    /**
     * The temperature the trainer takes π_θ's log-probabilities, KL and entropy at: the one the
     * rollouts were sampled at (verl divides the logits by it too), 1 for greedy sampling, whose
     * behaviour log-probabilities are the model's own.
     */
    public double scoringTemperature() {
      return temperature > 0 ? temperature : 1.0;
    }
  }

  public record Optimizer(
      double learningRate, int warmupSteps, double weightDecay, double gradClip) {}

  /** How per-token terms become one number. */
  public enum Aggregation {
    /** Σ_{i,t} ℓ_it / Σ_i |y_i|: the mean over the minibatch's tokens (verl's default). */
    TOKEN_MEAN,
    /** mean_i (Σ_t ℓ_it / |y_i|): every sequence weighs the same (GRPO's paper). */
    SEQUENCE_MEAN,
    /**
     * mean_i (Σ_t ℓ_it / L_max), L_max the stage's token limit: Dr. GRPO's constant normaliser
     * (verl's {@code seq-mean-token-sum-norm}, TRL's {@code dr_grpo}), so the step size does not
     * grow as outputs shorten.
     */
    SEQ_MEAN_TOKEN_SUM_NORM
  }

  /** Where the KL to the reference policy enters: the loss, or the reward before advantages. */
  public enum KlMode {
    LOSS,
    REWARD
  }

  /** Which policy the KL term and O1-Pruner's ratio are taken against (π_ref). */
  public enum KlReference {
    /** The run's base model, for every stage. */
    RUN_START,
    /**
     * Each stage's starting checkpoint (the default): what ThinkPrune's iterative pruning does,
     * where every stage is a new training run whose reference is the checkpoint it starts from. The
     * same as {@link #RUN_START} for a run of one stage.
     */
    STAGE_START
  }

  /** The correction for traces sampled by an older policy than the one updated. */
  public enum ImportanceSampling {
    /** None: the ratio is taken against the policy at the start of the update. */
    NONE,
    /** Truncated importance weights min(π_old/π_behaviour, cap) per token (behaviour log-probs). */
    TRUNCATED
  }

  /**
   * @param clipRatioC dual-clip's c (verl's {@code clip_ratio_c}): a negative advantage's loss is
   *     capped at −Â·c; 0 for none
   */
  public record Objective(
      double clipLow,
      double clipHigh,
      double clipRatioC,
      Aggregation aggregation,
      double klCoef,
      String klEstimator,
      KlMode klMode,
      KlReference klReference,
      double entropyCoef,
      boolean bessel,
      boolean normAdvByStd,
      int ppoEpochs,
      int minibatches,
      int microBatch,
      ImportanceSampling importanceSampling,
      double importanceCap,
      double dpoBeta,
      double gaeGamma,
      double gaeLambda,
      double valueCoef) {

    /** The policy loss's clip: [1 − clip-low, 1 + clip-high] and dual-clip's c. */
    public PolicyLoss.Clip clip() {
      return new PolicyLoss.Clip(clipLow, clipHigh, clipRatioC);
    }
  }

  /** How a stage's final checkpoint is chosen, from which the next stage starts. */
  public enum CheckpointRule {
    /** The stage's last version (what ThinkPrune's authors did: step 180). */
    LAST,
    /**
     * The shortest version (by its rollouts' mean length) whose rollout accuracy is within {@code
     * accuracy-drop} (relative) of the stage's first version (the paper's rule, on training
     * rollouts).
     */
    SHORTEST_WITHIN
  }

  /**
   * @param stepsPerStage updates per stage (online methods)
   * @param maxStaleness η: a trace sampled at version v is trained at version ≤ v + η; η + 1
   *     batches are in flight; 0 is synchronous
   */
  public record Schedule(
      int stepsPerStage, int maxStaleness, CheckpointRule checkpointRule, double accuracyDrop) {}

  /**
   * @param referenceSamples K samples of the reference policy per problem (reference statistics,
   *     data set)
   * @param referenceTemperature their sampling temperature (O1-Pruner: 0.5)
   * @param rowsPerProblem how many of them become training rows (O1-Pruner: 2)
   * @param epochs passes over the data set
   * @param batchSize rows per update
   */
  public record Offline(
      int referenceSamples,
      double referenceTemperature,
      int rowsPerProblem,
      int epochs,
      int batchSize) {}

  /** The number of stages (ThinkPrune: one per limit). */
  public int stages() {
    return rewardSpecs.size();
  }

  /** The reward spec of {@code stage} (the last stage's for any later one). */
  public String rewardSpec(int stage) {
    return rewardSpecs.get(Math.min(Math.max(0, stage), rewardSpecs.size() - 1));
  }

  /**
   * Reads and checks a run configuration ({@link RunPlanParser}).
   *
   * @param methodId the method of the RunRequested event
   * @throws IllegalArgumentException naming the bad key and its valid values
   */
  public static RunPlan parse(String methodId, String configYaml) {
    return RunPlanParser.parse(methodId, configYaml);
  }
}
