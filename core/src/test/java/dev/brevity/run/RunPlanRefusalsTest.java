package dev.brevity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A key that a run would ignore is refused, naming it and why. */
class RunPlanRefusalsTest {

  private static final List<String> OFFLINE = List.of("o1-pruner", "sft-shortest", "dpo");

  private static String config(String method, String line) {
    return (method.equals("o1-pruner") ? "reward: o1-pruner\n" : "") + line + "\n";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kl-coef: 0.1",
        "entropy-coef: 0.01",
        "importance-sampling: truncated",
        "importance-cap: 3",
        "aggregation: sequence-mean",
        "clip-low: 0.1",
        "clip-high: 0.3",
        "kl-estimator: k1",
        "kl-mode: reward",
        "norm-adv-by-std: false",
        "bessel: false",
        "ppo-epochs: 2",
        "minibatches: 2",
        "kl-reference: run-start"
      })
  void offlineMethodsRefuseTheOnlineObjectivesKeys(String line) {
    String key = line.substring(0, line.indexOf(':'));
    for (String method : OFFLINE) {
      assertThatThrownBy(() -> RunPlan.parse(method, config(method, line)))
          .as("%s with %s", method, key)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + key + "' does not apply: " + method);
    }
  }

  @Test
  void onlyO1PrunerHasAClippedRatio() {
    assertThat(RunPlan.parse("o1-pruner", config("o1-pruner", "clip: 0.3")).objective().clipHigh())
        .isEqualTo(0.3);
    assertThatThrownBy(() -> RunPlan.parse("dpo", "clip: 0.3\n"))
        .hasMessageContaining("'clip' does not apply: dpo has no clipped ratio");
  }

  @Test
  void onlineMethodsStillTakeThem() {
    RunPlan plan =
        RunPlan.parse(
            "grpo",
            "reward: correctness\nkl-coef: 0.1\nentropy-coef: 0.01\nminibatches: 2\n"
                + "importance-sampling: truncated\n");
    assertThat(plan.objective().klCoef()).isEqualTo(0.1);
    assertThat(plan.objective().entropyCoef()).isEqualTo(0.01);
    assertThat(plan.objective().minibatches()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({"k1, loss, false", "k1, reward, true", "k3, loss, true", "k3, reward, true"})
  void theK1EstimatorIsRefusedAsALossTerm(String estimator, String mode, boolean accepted) {
    String yaml =
        "reward: correctness\nkl-coef: 0.1\nkl-estimator: " + estimator + "\nkl-mode: " + mode;
    if (accepted) {
      assertThat(RunPlan.parse("grpo", yaml).objective().klEstimator()).isEqualTo(estimator);
    } else {
      assertThatThrownBy(() -> RunPlan.parse("grpo", yaml))
          .hasMessageContaining("'kl-estimator' is k1 with kl-mode: loss")
          .hasMessageContaining("zero in expectation");
    }
  }
}
