package dev.brevity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.run.PolicyGradient.Estimator;
import dev.brevity.run.PolicyGradient.ScaleRewards;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The advantage, ratio and filtering keys: defaults, bad values, and combinations refused. */
class RunPlanPolicyGradientTest {

  private static RunPlan grpo(String yaml) {
    return RunPlan.parse("grpo", "reward: correctness\n" + yaml);
  }

  @Test
  void theDefaultsAreGrpoAsBefore() {
    assertThat(grpo("").policyGradient()).isEqualTo(PolicyGradient.defaults());
    assertThat(RunPlan.parse("o1-pruner", "reward: o1-pruner\n").policyGradient())
        .isEqualTo(PolicyGradient.defaults());
  }

  @Test
  void anEstimatorIsChosenByName() {
    assertThat(grpo("advantage: rloo\n").policyGradient().advantage()).isEqualTo(Estimator.RLOO);
    assertThat(grpo("advantage: reinforce-plus-plus\n").policyGradient().advantage())
        .isEqualTo(Estimator.REINFORCE_PLUS_PLUS);
    assertThatThrownBy(() -> grpo("advantage: ppo\n"))
        .hasMessage(
            "run configuration (grpo): 'advantage' is \"ppo\"; it must be one of grpo, rloo,"
                + " reinforce-plus-plus, reinforce-plus-plus-baseline");
  }

  @Test
  void scaleRewardsAndNormAdvByStdAgree() {
    assertThat(grpo("scale-rewards: batch\n").policyGradient().scaleRewards())
        .isEqualTo(ScaleRewards.BATCH);
    assertThat(grpo("scale-rewards: batch\nnorm-adv-by-std: true\n").objective().normAdvByStd())
        .isTrue();
    RunPlan none = grpo("scale-rewards: none\n");
    assertThat(none.objective().normAdvByStd()).isFalse();
    assertThat(none.objective().aggregation())
        .as("Dr. GRPO's constant normaliser, as with norm-adv-by-std: false")
        .isEqualTo(RunPlan.Aggregation.SEQ_MEAN_TOKEN_SUM_NORM);
    assertThat(grpo("norm-adv-by-std: false\n").policyGradient().scaleRewards())
        .isEqualTo(ScaleRewards.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scale-rewards: batch", "norm-adv-by-std: false", "bessel: false"})
  void estimatorsOtherThanGrpoRefuseItsScaling(String line) {
    String key = line.substring(0, line.indexOf(':'));
    assertThatThrownBy(() -> grpo("advantage: rloo\n" + line + "\n"))
        .hasMessageContaining("'" + key + "' does not apply: advantage: rloo");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "advantage: rloo",
        "scale-rewards: batch",
        "ratio: sequence",
        "overlong-filter: true",
        "dynamic-sampling: true",
        "max-sampling-rounds: 2",
        "gfpo-keep: 2",
        "gfpo-metric: length"
      })
  void offlineMethodsRefuseTheNewOnlineKeys(String line) {
    String key = line.substring(0, line.indexOf(':'));
    for (String method : List.of("o1-pruner", "sft-shortest", "dpo")) {
      String yaml = (method.equals("o1-pruner") ? "reward: o1-pruner\n" : "") + line + "\n";
      assertThatThrownBy(() -> RunPlan.parse(method, yaml))
          .as("%s with %s", method, key)
          .hasMessageContaining("'" + key + "' does not apply: " + method);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"advantage: rloo", "scale-rewards: batch"})
  void methodsWithoutGroupAdvantagesRefuseTheGroupKeys(String line) {
    String key = line.substring(0, line.indexOf(':'));
    assertThatThrownBy(() -> RunPlan.parse("ppo", "reward: correctness\n" + line + "\n"))
        .hasMessageContaining("'" + key + "' does not apply: ppo's advantages are not taken");
    assertThatThrownBy(() -> RunPlan.parse("o1-pruner-online", "reward: o1-pruner\n" + line + "\n"))
        .hasMessageContaining("does not apply: o1-pruner-online's advantages");
  }

  @Test
  void filtersAreReadWithTheirBounds() {
    PolicyGradient pg =
        grpo("samples: 8\ndynamic-sampling: true\nmax-sampling-rounds: 6\noverlong-filter: true\n"
                + "gfpo-keep: 4\ngfpo-metric: reward-per-token\n")
            .policyGradient();
    assertThat(pg.dynamicSampling()).isTrue();
    assertThat(pg.maxSamplingRounds()).isEqualTo(6);
    assertThat(pg.overlongFilter()).isTrue();
    assertThat(pg.gfpoKeep()).isEqualTo(4);
    assertThat(pg.gfpoMetric()).isEqualTo(PolicyGradient.GfpoMetric.REWARD_PER_TOKEN);
    assertThat(grpo("dynamic-sampling: true\n").policyGradient().maxSamplingRounds()).isEqualTo(4);
  }

  @Test
  void ppoRefusesDynamicSamplingButKeepsTheOverlongFilter() {
    assertThatThrownBy(() -> RunPlan.parse("ppo", "reward: correctness\ndynamic-sampling: true\n"))
        .hasMessageContaining("'dynamic-sampling' does not apply: ppo's advantages");
    assertThat(
            RunPlan.parse("ppo", "reward: correctness\noverlong-filter: true\n")
                .policyGradient()
                .overlongFilter())
        .isTrue();
  }

  @Test
  void theSequenceRatioDefaultsToTheSequenceMeanAsVerlsGspoDoes() {
    RunPlan gspo = grpo("ratio: sequence\nclip-low: 0.0003\nclip-high: 0.0004\n");
    assertThat(gspo.policyGradient().ratio()).isEqualTo(PolicyGradient.Ratio.SEQUENCE);
    assertThat(gspo.objective().aggregation()).isEqualTo(RunPlan.Aggregation.SEQUENCE_MEAN);
    assertThat(gspo.objective().clipHigh()).isEqualTo(0.0004);
    assertThat(grpo("ratio: sequence\naggregation: token-mean\n").objective().aggregation())
        .isEqualTo(RunPlan.Aggregation.TOKEN_MEAN);
  }

  /** GRPO plans that are refused, each with what its message must contain. */
  static Stream<Arguments> refusedGrpoPlans() {
    return Stream.of(
        // scale-rewards and norm-adv-by-std agree
        Arguments.of(
            "scale-rewards: group\nnorm-adv-by-std: false",
            "'scale-rewards' is group but norm-adv-by-std is false"),
        Arguments.of(
            "scale-rewards: none\nnorm-adv-by-std: true",
            "'scale-rewards' is none but norm-adv-by-std is true"),
        Arguments.of(
            "scale-rewards: token",
            "'scale-rewards' is \"token\"; it must be one of group, batch, none"),
        // a filter that would do nothing or break the group
        Arguments.of(
            "max-sampling-rounds: 3",
            "'max-sampling-rounds' does not apply: it bounds dynamic-sampling"),
        Arguments.of(
            "samples: 1\ndynamic-sampling: true", "'dynamic-sampling' needs samples of at least 2"),
        Arguments.of(
            "samples: 4\ngfpo-keep: 4",
            "'gfpo-keep' is 4; it must be 0 (off) or from 2 to samples − 1 = 3"),
        Arguments.of("gfpo-keep: 1", "'gfpo-keep' is 1"),
        Arguments.of("gfpo-metric: length", "'gfpo-metric' does not apply"),
        // an unknown ratio
        Arguments.of(
            "ratio: sentence", "'ratio' is \"sentence\"; it must be one of token, sequence"));
  }

  @ParameterizedTest
  @MethodSource("refusedGrpoPlans")
  void aBadGrpoPlanIsRefusedSayingWhy(String yaml, String message) {
    assertThatThrownBy(() -> grpo(yaml + "\n")).hasMessageContaining(message);
  }
}
