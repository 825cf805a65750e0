package dev.brevity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.verify.AnswerVerifier.TruncationRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Agreement with Hugging Face's Math-Verify on {@code math-verify-cases.jsonl}: our own (gold,
 * prediction, expected) cases in 12 categories, written from Math-Verify's README, its {@code
 * parser.py} and {@code grader.py} rules and the behaviours its tests document
 * (github.com/huggingface/Math-Verify); {@code tools/verifier/make_cases.py} writes them.
 * Math-Verify cannot run here, so "expected" is its verdict as those sources state it. Every case
 * gets a verdict and a reason; agreement is at least 95 % overall and 90 % in every category.
 */
class MathVerifyAgreementTest {

  private static final AnswerVerifier VERIFIER =
      new AnswerVerifier(TruncationRule.NOT_COUNTED, ExtractionConfig.mathVerify());

  @Test
  void agreesWithMathVerifyOverallAndInEveryCategory() throws IOException {
    Map<String, int[]> byCategory = new TreeMap<>(); // category → {cases, agreeing}
    int cases = 0;
    int agreeing = 0;
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = getClass().getResourceAsStream("math-verify-cases.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode c = json.readTree(line);
        long start = System.nanoTime();
        Verdict verdict = VERIFIER.verify(c.get("gold").asText(), c.get("pred").asText());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(verdict.reason()).as(line).isNotBlank();
        assertThat(millis).as("time for %s", c.get("note")).isLessThan(15_000);
        boolean agrees = verdict.correct() == c.get("expected").asBoolean();
        int[] counts = byCategory.computeIfAbsent(c.get("category").asText(), k -> new int[2]);
        counts[0]++;
        counts[1] += agrees ? 1 : 0;
        cases++;
        agreeing += agrees ? 1 : 0;
      }
    }
    assertThat(cases).isGreaterThanOrEqualTo(250);
    assertThat((double) agreeing / cases).isGreaterThanOrEqualTo(0.95);
    byCategory.forEach(
        (category, counts) ->
            assertThat((double) counts[1] / counts[0]).as(category).isGreaterThanOrEqualTo(0.90));
  }
}
