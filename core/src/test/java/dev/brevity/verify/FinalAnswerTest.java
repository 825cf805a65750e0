package dev.brevity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.verify.FinalAnswer.Extracted;
import org.junit.jupiter.api.Test;

class FinalAnswerTest {

  @Test
  void prefersTheLastBoxedAnswer() {
    assertThat(FinalAnswer.find("The answer is 3. \\boxed{4} then \\fbox{5}"))
        .contains(new Extracted("5", "boxed"));
  }

  @Test
  void thenTheGsm8kMarker() {
    assertThat(FinalAnswer.find("3 + 4 = 7\n#### 7\n")).contains(new Extracted("7", "####"));
  }

  @Test
  void thenTheLastAnswerIsPhrase() {
    assertThat(FinalAnswer.find("First the answer is 2. No: the answer is 3.5."))
        .contains(new Extracted("3.5", "answer-is"));
  }

  @Test
  void wholeTextWhenNothingIsMarked() {
    assertThat(FinalAnswer.find("42")).isEmpty();
    assertThat(FinalAnswer.findOrWhole(" 42 ")).isEqualTo(new Extracted("42", "whole"));
  }
}
