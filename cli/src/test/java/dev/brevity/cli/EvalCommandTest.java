package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @TempDir Path dir;

  @Test
  void printsTheReportAsJsonAndWritesEveryCompletion() throws Exception {
    CommandRun sft =
        CommandRun.of(
            "sft",
            "--out",
            dir.toString(),
            "--steps",
            "2",
            "--per-level",
            "2",
            "--batch-size",
            "4");
    Path checkpoint = dir.resolve("last");

    CommandRun eval =
        CommandRun.of(
            "eval",
            "--checkpoint",
            checkpoint.toString(),
            "--split",
            "eval",
            "--per-level",
            "1",
            "--max-new-tokens",
            "6",
            "--json",
            "--completions",
            dir.resolve("completions.jsonl").toString());

    assertThat(sft.exitCode()).isZero();
    assertThat(eval.exitCode()).isZero();
    JsonNode report = new ObjectMapper().readTree(eval.stdout());
    assertThat(report.get("n").asInt()).isEqualTo(7);
    assertThat(report.get("accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.get("meanLength").asDouble()).isBetween(1.0, 6.0);
    assertThat(report.get("byDifficulty").fieldNames())
        .toIterable()
        .containsExactly("1", "2", "3", "4", "5", "6", "7");
    assertThat(report.get("byDifficulty").get("3").get("n").asInt()).isEqualTo(1);

    List<JsonNode> completions = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("completions.jsonl"))) {
      completions.add(new ObjectMapper().readTree(line));
    }
    assertThat(completions).hasSize(7);
    assertThat(completions.stream().map(c -> c.get("difficulty").asInt()))
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
    assertThat(completions.stream().mapToInt(c -> c.get("length").asInt()).average().orElseThrow())
        .isCloseTo(report.get("meanLength").asDouble(), within(1e-9));
    assertThat(completions.stream().filter(c -> c.get("correct").asBoolean()).count())
        .isEqualTo(Math.round(report.get("accuracy").asDouble() * 7));
    for (JsonNode c : completions) {
      assertThat(c.get("question").asText()).startsWith("Compute ");
      assertThat(c.get("sample").asInt()).isZero();
      assertThat(c.get("finish").asText()).isIn("eos", "length");
      assertThat(c.get("text").isTextual()).isTrue();
    }
  }

  @Test
  void samplesNeedATemperature() {
    CommandRun eval = CommandRun.of("eval", "--checkpoint", dir.toString(), "--samples", "4");

    assertThat(eval.exitCode()).isEqualTo(2);
  }
}
