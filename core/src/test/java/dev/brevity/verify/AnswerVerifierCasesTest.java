package dev.brevity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier against a table of answer pairs in the formats of GSM8K, MATH and AIME (including
 * pairs it must judge wrong): {@code verifier-cases.tsv}, one case a line: gold, prediction,
 * expected, what it checks.
 */
class AnswerVerifierCasesTest {

  private static final AnswerVerifier VERIFIER =
      new AnswerVerifier(AnswerVerifier.TruncationRule.NOT_COUNTED, ExtractionConfig.mathVerify());

  static List<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = AnswerVerifierCasesTest.class.getResourceAsStream("verifier-cases.tsv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank() || lines[i].startsWith("#")) {
          continue;
        }
        String[] fields = lines[i].split("\t", -1);
        cases.add(
            Arguments.of(i + 1, fields[0], fields[1], Boolean.parseBoolean(fields[2]), fields[3]));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "line {0}: {4}: [{1}] vs [{2}] -> {3}")
  @MethodSource("cases")
  void judgesLikeACarefulGrader(
      int line, String gold, String prediction, boolean expected, String what) {
    Verdict verdict = VERIFIER.verify(gold, prediction);

    assertThat(verdict.correct()).as("line %d (%s): %s", line, what, verdict).isEqualTo(expected);
    assertThat(verdict.reason()).isNotBlank();
  }
}
