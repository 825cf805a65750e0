package dev.brevity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.verify.AnswerVerifier.TruncationRule;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnswerVerifierTest {

  private static final String OUTPUT = "<think>4*2=8, 3+8=11</think> \\boxed{11}";

  @Test
  void truncatedOutputsDoNotCountByDefault() {
    Verdict verdict = AnswerVerifier.standard().verifyOutput("11", OUTPUT, true);

    assertThat(verdict.correct()).isFalse();
    assertThat(verdict.reason()).isEqualTo("truncated at the token limit (not counted)");
    assertThat(verdict.goldParsed()).isEqualTo("11");
  }

  @Test
  void truncatedOutputsCountWhenConfigured() {
    Verdict verdict = new AnswerVerifier(TruncationRule.COUNTED).verifyOutput("11", OUTPUT, true);

    assertThat(verdict.correct()).isTrue();
    assertThat(verdict.predParsed()).isEqualTo("11");
  }

  @Test
  void anOutputNeedsAMarkedFinalAnswer() {
    Verdict verdict =
        AnswerVerifier.standard().verifyOutput("11", "<think>3+8=11</think> 11", false);

    assertThat(verdict.correct()).isFalse();
    assertThat(verdict.reason()).startsWith("no final answer");
  }

  @Test
  void finishedRightOutputIsCorrect() {
    Verdict verdict = AnswerVerifier.standard().verifyOutput("#### 11", OUTPUT, false);

    assertThat(verdict.correct()).isTrue();
    assertThat(verdict.reason()).isEqualTo("equal numbers");
  }

  @Test
  void unparseableInputIsIncorrectWithAReasonNeverAnException() {
    AnswerVerifier verifier = AnswerVerifier.standard();
    Random random = new Random(3);
    String alphabet = "\\{}()[]^_$%,.=+-*/0123456789xyabc fracsqrtboxed";
    for (int i = 0; i < 500; i++) {
      StringBuilder junk = new StringBuilder();
      for (int j = random.nextInt(20); j > 0; j--) {
        junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Verdict verdict = verifier.verify("5", junk.toString());
      assertThat(verdict.reason()).isNotBlank();
    }
    Verdict unbalanced = verifier.verify("\\frac{1}{", "5");
    assertThat(unbalanced.correct()).isFalse();
    assertThat(unbalanced.reason()).startsWith("gold answer: unbalanced braces");
  }
}
