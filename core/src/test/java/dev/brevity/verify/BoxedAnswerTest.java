package dev.brevity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoxedAnswerTest {

  @Test
  void takesTheLastBoxedAnswer() {
    assertThat(BoxedAnswer.last("<think>maybe \\boxed{3}</think> so \\boxed{ 42 }")).contains("42");
  }

  @Test
  void keepsNestedBraces() {
    assertThat(BoxedAnswer.last("\\boxed{\\frac{1}{2}}")).contains("\\frac{1}{2}");
  }

  @Test
  void noneWhenAbsentOrUnclosed() {
    assertThat(BoxedAnswer.last("the answer is 42")).isEmpty();
    assertThat(BoxedAnswer.last("\\boxed{4")).isEmpty();
  }
}
