package dev.brevity.evalservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** eval-service configuration, under {@code brevity.eval}. */
@ConfigMapping(prefix = "brevity.eval")
public interface EvalConfig {

  /** This instance's id: its producer's transactional id is brevity-eval-&lt;id&gt;. */
  @WithDefault("eval-1")
  String id();

  /** Evaluate published checkpoints (false: serve the dashboard only). */
  @WithDefault("true")
  boolean enabled();

  /** The policy runs start from (version 0): the reference of accuracy deltas and AES. */
  @WithDefault("models/reference")
  String baseModel();

  /** Evaluate every Nth policy version (1: every checkpoint). */
  @WithDefault("1")
  int every();

  /**
   * Where tensors live: {@code auto} (the first GPU when PyTorch sees one, else the CPU), {@code
   * cpu}, {@code gpu} or {@code gpu:N}. A GPU that is not there fails the start.
   */
  @WithDefault("auto")
  String device();

  /** Held-out problems per difficulty level (bundled eval split). */
  @WithDefault("30")
  int perLevel();

  /** Seed of the held-out problems and of sampling. */
  @WithDefault("1")
  long seed();

  /** Token limit of a completion. */
  @WithDefault("900")
  int maxNewTokens();

  /** Prompts generated together. */
  @WithDefault("32")
  int batchSize();

  /** Samples per problem for sampled pass@1 (0: greedy only). */
  @WithDefault("0")
  int samples();

  /** Temperature of sampled pass@1. */
  @WithDefault("0.7")
  double temperature();

  /** Budget forcing of the reference: thinking budgets in tokens (empty: none). */
  Optional<List<Integer>> budgets();

  /** Budget forcing's answer cue: bundled-task or boxed. */
  @WithDefault("bundled-task")
  String budgetCue();

  /** Tokens the forced answer may take. */
  @WithDefault("12")
  int answerTokens();

  /** AES weights (O1-Pruner): length α, accuracy gain β, accuracy loss γ. */
  @WithDefault("1")
  double aesAlpha();

  @WithDefault("3")
  double aesBeta();

  @WithDefault("5")
  double aesGamma();

  /** Consumer session timeout of the evaluator. */
  @WithDefault("10s")
  Duration sessionTimeout();

  /** Evaluations kept per run for the dashboard; the oldest are dropped first. */
  @WithDefault("1000")
  int historyPerRun();

  /** Scored traces kept per run for the dashboard's histograms and throughput. */
  @WithDefault("4000")
  int tracesPerRun();

  /** Problems kept per run in the trace inspector. */
  @WithDefault("200")
  int inspectedProblemsPerRun();
}
