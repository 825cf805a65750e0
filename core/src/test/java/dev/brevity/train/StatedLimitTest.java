package dev.brevity.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.run.RunPlan;
import dev.brevity.task.TaskProblem;
import org.junit.jupiter.api.Test;

/** state-limit: the training prompt states the length, as ThinkPrune's and L1's prompts do. */
class StatedLimitTest {

  private static final TaskProblem PROBLEM = new TaskProblem("p1", "What is 2+3?", "5", 1, "t");

  private static Request request(int stage, boolean reference) {
    return new Request("r", PROBLEM, 0, 2, stage, reference, 1.0, 1.0, 100, 7, 0);
  }

  @Test
  void thinkpruneStatesEachStagesTokenLimit() {
    RunPlan plan =
        RunPlan.parse(
            "thinkprune",
            "reward: [thinkprune(limit=400), thinkprune(limit=300)]\nstate-limit: thinkprune\n");
    assertThat(request(0, false).prompt(plan))
        .isEqualTo("What is 2+3?\nThe output of the assistant should be within 400 tokens.\n");
    assertThat(request(1, false).prompt(plan)).endsWith("within 300 tokens.\n");
  }

  @Test
  void l1StatesTheRewardsTargetAndNeedsOne() {
    RunPlan plan = RunPlan.parse("grpo", "reward: l1-max(target=150)\nstate-limit: l1-max\n");
    assertThat(request(0, false).prompt(plan))
        .isEqualTo("What is 2+3?\nThink for maximum 150 tokens.\n");
    assertThatThrownBy(() -> RunPlan.parse("grpo", "reward: correctness\nstate-limit: l1-exact\n"))
        .hasMessageContaining("'state-limit' is l1-exact")
        .hasMessageContaining("has no target");
  }

  @Test
  void byDefaultAndForReferenceSamplesThePromptIsTheQuestionAlone() {
    RunPlan plain = RunPlan.parse("grpo", "reward: correctness\n");
    assertThat(request(0, false).prompt(plain)).isEqualTo("What is 2+3?\n");
    RunPlan online =
        RunPlan.parse(
            "o1-pruner-online", "reward: o1-pruner\nmax-new-tokens: 64\nstate-limit: thinkprune\n");
    assertThat(request(0, true).prompt(online)).isEqualTo("What is 2+3?\n");
    assertThat(request(0, false).prompt(online)).endsWith("within 64 tokens.\n");
  }

  @Test
  void offlineMethodsRefuseIt() {
    assertThatThrownBy(
            () -> RunPlan.parse("o1-pruner", "reward: o1-pruner\nstate-limit: thinkprune\n"))
        .hasMessageContaining("'state-limit' does not apply");
  }
}
