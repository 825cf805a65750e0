package dev.brevity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the thinking first states the right answer, found by the verifier. */
class FirstAnswerTest {

  private static final String REACHED = "Add 12 and 7. Then 12 + 7 = 19.";
  private static final String TRACE =
      "<think>" + REACHED + " Check: 19 - 7 = 12, right. So the result is 19.</think> \\boxed{19}";

  @Test
  void theFirstSentenceWhoseAnswerIsRightEndsTheUsefulThinking() {
    assertThat(FirstAnswer.charsUntilReached(TRACE, "19"))
        .isEqualTo("<think>".length() + REACHED.length());
  }

  @Test
  void aMentionInsideAnotherNumberOrAWrongValueDoesNotCount() {
    String trace = "<think>Add 7 and 119.\nIt is 20. So 19.</think> \\boxed{19}";
    assertThat(FirstAnswer.charsUntilReached(trace, "19")).isEqualTo(trace.indexOf("</think>"));
  }

  @Test
  void thinkingThatNeverStatesTheAnswerGivesMinusOne() {
    assertThat(FirstAnswer.charsUntilReached("<think>I guess 5.</think> \\boxed{19}", "19"))
        .isEqualTo(-1);
  }

  @Test
  void withoutAThinkingEndTheWholeCompletionIsRead() {
    String text = "First 3. Then 19. Done";
    assertThat(FirstAnswer.charsUntilReached(text, "19")).isEqualTo("First 3. Then 19.".length());
  }
}
