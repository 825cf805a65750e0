package dev.brevity.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.run.PolicyGradient;
import dev.brevity.run.RunMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodRecipeTest {

  /** A reference sample whose reward is 1 when it is correct, 0 when not. */
  private static Rollout sample(String problem, int index, int length, boolean correct) {
    return ReferenceSamples.sample(problem, index, length, correct, correct ? 1 : 0);
  }

  @Test
  void everyMethodHasItsRecipe() {
    for (RunMethod method : RunMethod.values()) {
      assertThat(MethodRecipe.of(method).method()).isEqualTo(method);
    }
  }

  @Test
  void onlineMethodsClipPerTokenAndDifferInTheirAdvantages() {
    for (RunMethod method : RunMethod.values()) {
      if (method.shape() == RunMethod.Shape.ONLINE) {
        assertThat(MethodRecipe.of(method).objective()).isEqualTo(Work.Objective.TOKEN_CLIP);
      }
    }
    assertThat(MethodRecipe.of(RunMethod.GRPO).advantage()).isEqualTo(Work.Advantage.GROUP);
    assertThat(MethodRecipe.of(RunMethod.THINKPRUNE).advantage()).isEqualTo(Work.Advantage.GROUP);
    assertThat(MethodRecipe.of(RunMethod.O1_PRUNER_ONLINE).advantage())
        .isEqualTo(Work.Advantage.BATCH);
    assertThat(MethodRecipe.of(RunMethod.PPO).advantage()).isEqualTo(Work.Advantage.GAE);
  }

  @Test
  void onlyPpoHasACritic() {
    for (RunMethod method : RunMethod.values()) {
      assertThat(MethodRecipe.of(method).critic()).isEqualTo(method == RunMethod.PPO);
    }
  }

  @Test
  void offlineMethodsBuildTheirOwnDataSets() {
    List<List<Rollout>> byProblem =
        List.of(
            List.of(sample("a", 0, 9, true), sample("a", 1, 4, true), sample("a", 2, 6, false)));
    OfflineDataset sft = MethodRecipe.of(RunMethod.SFT_SHORTEST).dataset(byProblem, 1);
    assertThat(sft.rows()).extracting(Rollout::traceId).containsExactly("a/1");
    OfflineDataset dpo = MethodRecipe.of(RunMethod.DPO).dataset(byProblem, 1);
    assertThat(dpo.rows()).extracting(Rollout::traceId).containsExactly("a/1", "a/0");
    OfflineDataset o1 = MethodRecipe.of(RunMethod.O1_PRUNER).dataset(byProblem, 2);
    assertThat(o1.rows()).hasSize(2);
    assertThat(o1.advantages()).hasSize(2);
    assertThat(MethodRecipe.of(RunMethod.SFT_SHORTEST).objective()).isEqualTo(Work.Objective.SFT);
    assertThat(MethodRecipe.of(RunMethod.DPO).objective()).isEqualTo(Work.Objective.DPO);
    assertThat(MethodRecipe.of(RunMethod.O1_PRUNER).objective())
        .isEqualTo(Work.Objective.SEQUENCE_CLIP_VS_REFERENCE);
    assertThat(MethodRecipe.of(RunMethod.DPO).unusedReason())
        .isEqualTo("not the shortest or longest correct reference sample");
  }

  @Test
  void onlineMethodsBuildNoDataSet() {
    assertThatThrownBy(() -> MethodRecipe.of(RunMethod.GRPO).dataset(List.of(), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("grpo is online");
    assertThatThrownBy(() -> MethodRecipe.of(RunMethod.PPO).unusedReason())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theRunPlanTakesGroupKeysForExactlyTheMethodsWithGroupAdvantages() {
    for (RunMethod method : RunMethod.values()) {
      assertThat(PolicyGradient.groupAdvantages(method))
          .as(method.id())
          .isEqualTo(MethodRecipe.of(method).advantage() == Work.Advantage.GROUP);
    }
  }
}
