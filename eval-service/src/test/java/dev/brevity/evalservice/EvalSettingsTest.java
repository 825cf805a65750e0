package dev.brevity.evalservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.eval.Aes;
import dev.brevity.eval.BudgetForcing.Cue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvalSettingsTest {

  /** The defaults of application.properties, overridable one at a time. */
  private record Config(
      String id,
      boolean enabled,
      String baseModel,
      int every,
      String device,
      int perLevel,
      long seed,
      int maxNewTokens,
      int batchSize,
      int samples,
      double temperature,
      Optional<List<Integer>> budgets,
      String budgetCue,
      int answerTokens,
      double aesAlpha,
      double aesBeta,
      double aesGamma,
      Duration sessionTimeout,
      int historyPerRun,
      int tracesPerRun,
      int inspectedProblemsPerRun)
      implements EvalConfig {
    static Config defaults() {
      return of(1, 0, 0.7, List.of(200, 100), "bundled-task");
    }

    static Config of(
        int every, int samples, double temperature, List<Integer> budgets, String budgetCue) {
      return new Config(
          "eval-test",
          true,
          "models/reference",
          every,
          "auto",
          30,
          1,
          900,
          32,
          samples,
          temperature,
          Optional.of(budgets),
          budgetCue,
          12,
          1,
          3,
          5,
          Duration.ofSeconds(10),
          10,
          10,
          10);
    }
  }

  @Test
  void readsTheDefaults() {
    EvalSettings settings = EvalSettings.of(Config.defaults());
    assertThat(settings.budgets()).containsExactly(100, 200);
    assertThat(settings.cue()).isEqualTo(Cue.BUNDLED_TASK);
    assertThat(settings.aes()).isEqualTo(Aes.PAPER);
    assertThat(settings.evaluates(0)).isFalse(); // the reference goes with the first version
    assertThat(settings.evaluates(1)).isTrue();
    assertThat(EvalSettings.dashboardLimits(Config.defaults()))
        .isEqualTo(new Dashboard.Limits(10, 10, 10));
  }

  @Test
  void evaluatesEveryNthVersion() {
    EvalSettings settings = EvalSettings.of(Config.of(3, 0, 0.7, List.of(), "boxed"));
    assertThat(settings.evaluates(2)).isFalse();
    assertThat(settings.evaluates(3)).isTrue();
    assertThat(settings.evaluates(6)).isTrue();
    assertThat(settings.cue()).isEqualTo(Cue.BOXED);
  }

  @Test
  void evaluatesARunsResultAndSendsTheReferenceWithTheFirstEvaluation() {
    EvalSettings settings = EvalSettings.of(Config.of(3, 0, 0.7, List.of(), "boxed"));
    assertThat(settings.plan(2, null).isEmpty()).isTrue();
    assertThat(settings.plan(3, null)).isEqualTo(new EvalSettings.Plan(true, List.of(3L)));
    assertThat(settings.plan(6, null)).isEqualTo(new EvalSettings.Plan(false, List.of(6L)));
    // the last checkpoint (v7) names its result: evaluated unless the rule did it already
    assertThat(settings.plan(7, 7L)).isEqualTo(new EvalSettings.Plan(false, List.of(7L)));
    assertThat(settings.plan(7, 5L)).isEqualTo(new EvalSettings.Plan(false, List.of(5L)));
    assertThat(settings.plan(7, 6L).isEmpty()).isTrue();
    assertThat(settings.plan(9, 8L)).isEqualTo(new EvalSettings.Plan(false, List.of(9L, 8L)));
    // a run that ends before version 3: its result is its first evaluation, with the reference
    assertThat(settings.plan(2, 2L)).isEqualTo(new EvalSettings.Plan(true, List.of(2L)));
    assertThat(settings.plan(2, 0L)).isEqualTo(new EvalSettings.Plan(true, List.of()));
  }

  @Test
  void badValuesNameTheirKeyAndWhatIsValid() {
    assertThatThrownBy(() -> EvalSettings.of(Config.of(0, 0, 0.7, List.of(), "boxed")))
        .hasMessage("brevity.eval.every: 0 — must be at least 1");
    assertThatThrownBy(() -> EvalSettings.of(Config.of(1, 0, 0.7, List.of(), "think-less")))
        .hasMessage("brevity.eval.budget-cue: think-less — valid values: bundled-task, boxed");
    assertThatThrownBy(() -> EvalSettings.of(Config.of(1, 0, 0.7, List.of(900), "boxed")))
        .hasMessage("brevity.eval.budgets: 900 — each must be in [1, max-new-tokens)");
    assertThatThrownBy(() -> EvalSettings.of(Config.of(1, 4, 0, List.of(), "boxed")))
        .hasMessage("brevity.eval.temperature: 0.0 — must be in (0, 10] when samples > 0");
  }
}
