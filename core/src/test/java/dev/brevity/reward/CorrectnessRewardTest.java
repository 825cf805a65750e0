package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorrectnessRewardTest {

  private static final VersionedReward CORRECTNESS = Rewards.of("correctness");

  private static double score(String completion, String reference, boolean finished) {
    Attempt attempt = Attempt.judge(completion, reference, 10, finished);
    return CORRECTNESS.score(attempt, List.of(attempt), null).reward();
  }

  @Test
  void finishedAndRightScoresOne() {
    assertThat(score("<think>2+2=4</think> \\boxed{4}", "4", true)).isEqualTo(1.0);
  }

  @Test
  void wrongOrMissingAnswerScoresZero() {
    assertThat(score("\\boxed{5}", "4", true)).isZero();
    assertThat(score("<think>2+2=4</think>", "4", true)).isZero();
  }

  @Test
  void equivalentNotationScoresOne() {
    assertThat(score("<think>half</think> \\boxed{\\frac{1}{2}}", "0.5", true)).isEqualTo(1.0);
  }

  @Test
  void truncatedScoresZeroEvenWithTheRightAnswer() {
    Attempt cut = Attempt.judge("\\boxed{4} wait, let me check", "4", 10, false);
    assertThat(cut.answerCorrect()).isTrue();
    assertThat(cut.correct()).isFalse();
    assertThat(CORRECTNESS.score(cut, List.of(cut), null).reward()).isZero();
  }

  @Test
  void versionIdNamesSpecAndCode() {
    assertThat(CORRECTNESS.versionId()).isEqualTo("correctness@2.v3");
  }
}
