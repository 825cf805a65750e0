package dev.brevity.evalservice;

import dev.brevity.eval.Aes;
import dev.brevity.eval.BudgetForcing.Cue;
import java.util.ArrayList;
import java.util.List;

/**
 * What the evaluator does with each checkpoint, checked at start: a bad value fails with a message
 * naming its key and what it accepts.
 */
record EvalSettings(
    int every,
    int perLevel,
    long seed,
    int maxNewTokens,
    int batchSize,
    int samples,
    double temperature,
    List<Integer> budgets,
    Cue cue,
    int answerTokens,
    Aes aes) {

  static EvalSettings of(EvalConfig config) {
    atLeast("every", config.every(), 1);
    atLeast("per-level", config.perLevel(), 1);
    atLeast("max-new-tokens", config.maxNewTokens(), 1);
    atLeast("batch-size", config.batchSize(), 1);
    atLeast("samples", config.samples(), 0);
    atLeast("answer-tokens", config.answerTokens(), 1);
    if (config.samples() > 0 && !(config.temperature() > 0 && config.temperature() <= 10)) {
      throw invalid("temperature", config.temperature(), "must be in (0, 10] when samples > 0");
    }
    List<Integer> budgets = config.budgets().orElse(List.of()).stream().sorted().toList();
    for (int budget : budgets) {
      if (budget < 1 || budget >= config.maxNewTokens()) {
        throw invalid("budgets", budget, "each must be in [1, max-new-tokens)");
      }
    }
    Cue cue = Cue.BY_NAME.get(config.budgetCue());
    if (cue == null) {
      throw invalid("budget-cue", config.budgetCue(), "valid values: bundled-task, boxed");
    }
    return new EvalSettings(
        config.every(),
        config.perLevel(),
        config.seed(),
        config.maxNewTokens(),
        config.batchSize(),
        config.samples(),
        config.temperature(),
        budgets,
        cue,
        config.answerTokens(),
        new Aes(config.aesAlpha(), config.aesBeta(), config.aesGamma()));
  }

  /** What the dashboard keeps per run. */
  static Dashboard.Limits dashboardLimits(EvalConfig config) {
    atLeast("history-per-run", config.historyPerRun(), 1);
    atLeast("traces-per-run", config.tracesPerRun(), 1);
    atLeast("inspected-problems-per-run", config.inspectedProblemsPerRun(), 0);
    return new Dashboard.Limits(
        config.historyPerRun(), config.tracesPerRun(), config.inspectedProblemsPerRun());
  }

  /** Whether policy version {@code version} is one to evaluate by the every-Nth rule. */
  boolean evaluates(long version) {
    return version > 0 && version % every == 0;
  }

  /**
   * What the arrival of a checkpoint asks for: the reference goes with a run's first evaluation
   * (version {@code every}, or the result of a run that ended before it); the versions are the
   * checkpoint's own by the every-Nth rule and, on a run's last checkpoint, the run's result unless
   * the rule evaluated it already (or it is the reference).
   *
   * @param resultVersion the run's result, set on its last checkpoint only, else null
   */
  Plan plan(long version, Long resultVersion) {
    List<Long> versions = new ArrayList<>();
    if (evaluates(version)) {
      versions.add(version);
    }
    if (resultVersion != null && resultVersion > 0 && !evaluates(resultVersion)) {
      versions.add(resultVersion);
    }
    boolean reference = version == every || (resultVersion != null && version < every);
    return new Plan(reference, versions);
  }

  /** The evaluations one checkpoint record asks for. */
  record Plan(boolean reference, List<Long> versions) {
    boolean isEmpty() {
      return !reference && versions.isEmpty();
    }
  }

  private static void atLeast(String key, long value, long min) {
    if (value < min) {
      throw invalid(key, value, "must be at least " + min);
    }
  }

  private static IllegalArgumentException invalid(String key, Object value, String rule) {
    return new IllegalArgumentException("brevity.eval." + key + ": " + value + " — " + rule);
  }
}
