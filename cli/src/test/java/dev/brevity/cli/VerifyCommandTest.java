package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void printsOneVerdictPerLineThenASummary() throws Exception {
    Path pairs =
        Files.write(
            dir.resolve("pairs.jsonl"),
            List.of(
                "{\"gold\": \"\\\\frac{1}{2}\", \"pred\": \"The answer is 0.5.\"}",
                "",
                "{\"gold\": \"(1,2)\", \"pred\": \"[1,2]\"}",
                "{\"gold\": \"11\", \"pred\": \"\\\\boxed{11}\", \"finish_reason\": \"length\"}"));

    CommandRun run = CommandRun.of("verify", "--in", pairs.toString(), "--json");

    assertThat(run.exitCode()).isZero();
    List<JsonNode> lines = run.stdout().lines().map(VerifyCommandTest::parse).toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).get("line").asInt()).isEqualTo(1);
    assertThat(lines.get(0).get("correct").asBoolean()).isTrue();
    assertThat(lines.get(0).get("gold_parsed").asText()).isEqualTo("1/2");
    assertThat(lines.get(0).get("pred_parsed").asText()).isEqualTo("1/2");
    assertThat(lines.get(1).get("line").asInt()).isEqualTo(3);
    assertThat(lines.get(1).get("correct").asBoolean()).isFalse();
    assertThat(lines.get(1).get("reason").asText()).isEqualTo("different brackets: () vs []");
    assertThat(lines.get(2).get("reason").asText())
        .isEqualTo("truncated at the token limit (not counted)");
    JsonNode summary = lines.get(3).get("summary");
    assertThat(summary.get("total").asInt()).isEqualTo(3);
    assertThat(summary.get("correct").asInt()).isEqualTo(1);
    assertThat(summary.get("malformed").asInt()).isZero();
  }

  @Test
  void truncatedAnswersCountWhenAsked() throws Exception {
    Path pairs =
        Files.write(
            dir.resolve("cut.jsonl"),
            List.of(
                "{\"gold\": \"11\", \"pred\": \"\\\\boxed{11}\", \"finish_reason\": \"length\"}"));

    CommandRun run =
        CommandRun.of("verify", "--in", pairs.toString(), "--json", "--count-truncated");

    assertThat(parse(run.stdout().lines().findFirst().orElseThrow()).get("correct").asBoolean())
        .isTrue();
  }

  @Test
  void malformedLinesAreReportedNotSkipped() throws Exception {
    Path pairs = Files.write(dir.resolve("bad.jsonl"), List.of("{\"gold\": \"5\"}", "not json"));

    CommandRun run = CommandRun.of("verify", "--in", pairs.toString(), "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    List<String> lines = run.stdout().lines().toList();
    assertThat(parse(lines.get(0)).get("reason").asText())
        .isEqualTo("malformed line: missing text field \"pred\"");
    assertThat(parse(lines.get(1)).get("reason").asText())
        .isEqualTo("malformed line: invalid JSON");
    assertThat(parse(lines.get(2)).get("summary").get("malformed").asInt()).isEqualTo(2);
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
