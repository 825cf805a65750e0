package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** answer-position: what the thinking adds after it first reaches the right answer, by hand. */
class AnswerPositionRewardTest {

  private static final double EXACT = 1e-12;

  private static double reward(String spec, Attempt attempt) {
    return Rewards.of(spec).score(attempt, List.of(attempt), null).reward();
  }

  @Test
  void aRightAnswerLosesTheShareOfTheTraceAfterItsFirstStatement() {
    Attempt reachedAt40 = new Attempt(100, true, true, 40);
    // 1·(1 − 1·60/100)
    assertThat(reward("answer-position", reachedAt40)).isCloseTo(0.4, within(EXACT));
    // w = 0.5: 1·(1 − 0.5·0.6)
    assertThat(reward("answer-position(weight=0.5)", reachedAt40)).isCloseTo(0.7, within(EXACT));
    // reached at the end: nothing after it
    assertThat(reward("answer-position", new Attempt(100, true, true, 100))).isEqualTo(1.0);
  }

  @Test
  void wrongOrCutAnswersScoreNothing() {
    assertThat(reward("answer-position", new Attempt(100, true, false, 100))).isZero();
    assertThat(reward("answer-position", new Attempt(100, false, true, 30))).isZero();
  }

  @Test
  void judgingLocatesTheAnswerOnlyWhenAsked() {
    String trace = "<think>Add 12 and 7. Then 12 + 7 = 19. So 19.</think> \\boxed{19}";
    Attempt located = Attempt.judge(trace, "19", 40, true, true);
    Attempt plain = Attempt.judge(trace, "19", 40, true);
    // "<think>Add 12 and 7. Then 12 + 7 = 19." is 38 of 64 characters: ⌈40·38/65⌉ = 24 tokens
    assertThat(located.answerReachedAt()).isEqualTo(24);
    assertThat(plain.answerReachedAt()).isEqualTo(40);
    assertThat(Rewards.of("answer-position").needsAnswerPosition()).isTrue();
    assertThat(Rewards.of("kimi").needsAnswerPosition()).isFalse();
  }
}
