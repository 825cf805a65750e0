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
      int every, int samples, double temperature, List<Integer> budgetList, String budgetCue)
      implements EvalConfig {
    static Config defaults() {
      return new Config(1, 0, 0.7, List.of(200, 100), "bundled-task");
    }

    public String id() {
      return "eval-test";
    }

    public boolean enabled() {
      return true;
    }

    public String baseModel() {
      return "models/reference";
    }

    public String device() {
      return "auto";
    }

    public int perLevel() {
      return 30;
    }

    public long seed() {
      return 1;
    }

    public int maxNewTokens() {
      return 900;
    }

    public int batchSize() {
      return 32;
    }

    public Optional<List<Integer>> budgets() {
      return Optional.of(budgetList);
    }

    public int answerTokens() {
      return 12;
    }

    public double aesAlpha() {
      return 1;
    }

    public double aesBeta() {
      return 3;
    }

    public double aesGamma() {
      return 5;
    }

    public Duration sessionTimeout() {
      return Duration.ofSeconds(10);
    }

    public int historyPerRun() {
      return 10;
    }

    public int tracesPerRun() {
      return 10;
    }

    public int inspectedProblemsPerRun() {
      return 10;
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
    EvalSettings settings = EvalSettings.of(new Config(3, 0, 0.7, List.of(), "boxed"));
    assertThat(settings.evaluates(2)).isFalse();
    assertThat(settings.evaluates(3)).isTrue();
    assertThat(settings.evaluates(6)).isTrue();
    assertThat(settings.cue()).isEqualTo(Cue.BOXED);
  }

  @Test
  void evaluatesARunsResultAndSendsTheReferenceWithTheFirstEvaluation() {
    EvalSettings settings = EvalSettings.of(new Config(3, 0, 0.7, List.of(), "boxed"));
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
    assertThatThrownBy(() -> EvalSettings.of(new Config(0, 0, 0.7, List.of(), "boxed")))
        .hasMessage("brevity.eval.every: 0 — must be at least 1");
    assertThatThrownBy(() -> EvalSettings.of(new Config(1, 0, 0.7, List.of(), "think-less")))
        .hasMessage("brevity.eval.budget-cue: think-less — valid values: bundled-task, boxed");
    assertThatThrownBy(() -> EvalSettings.of(new Config(1, 0, 0.7, List.of(900), "boxed")))
        .hasMessage("brevity.eval.budgets: 900 — each must be in [1, max-new-tokens)");
    assertThatThrownBy(() -> EvalSettings.of(new Config(1, 4, 0, List.of(), "boxed")))
        .hasMessage("brevity.eval.temperature: 0.0 — must be in (0, 10] when samples > 0");
  }
}
