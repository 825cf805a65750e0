package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrectnessRewardTest {

  @Test
  void finishedAndRightScoresOne() {
    assertThat(CorrectnessReward.score("<think>2+2=4</think> \\boxed{4}", "4", false))
        .isEqualTo(1.0);
  }

  @Test
  void wrongOrMissingAnswerScoresZero() {
    assertThat(CorrectnessReward.score("\\boxed{5}", "4", false)).isZero();
    assertThat(CorrectnessReward.score("<think>2+2=4</think>", "4", false)).isZero();
  }

  @Test
  void equivalentNotationScoresOne() {
    assertThat(CorrectnessReward.score("<think>half</think> \\boxed{\\frac{1}{2}}", "0.5", false))
        .isEqualTo(1.0);
  }

  @Test
  void truncatedScoresZeroEvenWithTheRightAnswer() {
    assertThat(CorrectnessReward.score("\\boxed{4} wait, let me check", "4", true)).isZero();
  }

  @Test
  void versionIdNamesSpecAndCode() {
    assertThat(CorrectnessReward.versionId()).isEqualTo("correctness@2");
  }
}
