package dev.brevity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunPlanTest {

  @Test
  void thinkpruneTakesOneLimitPerStageFromItsRewards() {
    RunPlan plan =
        RunPlan.parse(
            "thinkprune",
            "reward: [thinkprune(limit=384), thinkprune(limit=256)]\n"
                + "steps-per-stage: 20\nmax-staleness: 1\ncheckpoint-rule: shortest-within\n");
    assertThat(plan.stages()).isEqualTo(2);
    assertThat(plan.sampling().maxNewTokens(0)).isEqualTo(384);
    assertThat(plan.sampling().maxNewTokens(1)).isEqualTo(256);
    assertThat(plan.schedule().maxStaleness()).isEqualTo(1);
    assertThat(plan.schedule().checkpointRule()).isEqualTo(RunPlan.CheckpointRule.SHORTEST_WITHIN);
    assertThat(plan.objective().klCoef()).isZero();
    assertThat(plan.objective().normAdvByStd()).isTrue();
    assertThat(plan.objective().klReference()).isEqualTo(RunPlan.KlReference.STAGE_START);
    assertThat(plan.optimizer().learningRate()).isEqualTo(1e-5);
  }

  @Test
  void grpoAdvantagesMayKeepTheRewardsScale() {
    RunPlan plan =
        RunPlan.parse("grpo", "reward: sigmoid-length(alpha=0.2)\nnorm-adv-by-std: false\n");
    assertThat(plan.objective().normAdvByStd()).isFalse();
  }

  @Test
  void everyStageMayBeAnchoredToTheBaseModel() {
    RunPlan plan =
        RunPlan.parse(
            "thinkprune",
            "reward: [thinkprune(limit=400), thinkprune(limit=380)]\nkl-coef: 0.1\n"
                + "kl-reference: run-start\n");
    assertThat(plan.objective().klReference()).isEqualTo(RunPlan.KlReference.RUN_START);
  }

  @Test
  void o1PrunerDefaultsFollowThePapersCode() {
    RunPlan plan = RunPlan.parse("o1-pruner", "reward: o1-pruner(lambda=2)\n");
    assertThat(plan.offline().rowsPerProblem()).isEqualTo(2);
    assertThat(plan.offline().referenceTemperature()).isEqualTo(0.5);
    assertThat(plan.objective().clipHigh()).isEqualTo(0.2);
    assertThat(plan.offline().epochs()).isEqualTo(1);
  }

  @Test
  void aBadKeyOrValueFailsNamingItAndWhatIsValid() {
    assertThatThrownBy(() -> RunPlan.parse("grpo", "reward: correctness\nlearning-rat: 1\n"))
        .hasMessageStartingWith("run configuration (grpo): unknown key learning-rat; valid keys:")
        .hasMessageContaining("learning-rate");
    assertThatThrownBy(() -> RunPlan.parse("grpo", "reward: correctness\nkl-estimator: k2\n"))
        .hasMessage("run configuration (grpo): 'kl-estimator' is \"k2\"; it must be one of k1, k3");
    assertThatThrownBy(() -> RunPlan.parse("thinkprune", "reward: o1-pruner(lambda=2)\n"))
        .hasMessageContaining("thinkprune needs reward: [thinkprune(limit=384)");
    assertThatThrownBy(() -> RunPlan.parse("o1-pruner", "per-level: 4\n"))
        .hasMessage(
            "run configuration (o1-pruner): 'reward' is required, e.g. reward:"
                + " o1-pruner(lambda=2)");
    assertThatThrownBy(
            () -> RunPlan.parse("o1-pruner", "reward: o1-pruner\nreference-samples: 1\n"))
        .hasMessageContaining("'rows-per-problem' is 2 but only reference-samples=1");
    assertThatThrownBy(() -> RunPlan.parse("grpo", "reward: nope\n"))
        .hasMessageContaining("'reward' has a bad spec");
    assertThatThrownBy(() -> RunPlan.parse("grpo", "method: dpo\nreward: correctness\n"))
        .hasMessageContaining("'method' is 'dpo' but the run asks for grpo");
  }

  @Test
  void numbersMayBeWrittenInScientificNotation() {
    assertThat(
            RunPlan.parse("grpo", "reward: correctness\nlearning-rate: 3e-4\n")
                .optimizer()
                .learningRate())
        .isEqualTo(3e-4);
  }
}
