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
    Path checkpoint = tinyCheckpoint();

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
  void forcesABudgetAndSplitsTheLengthBetweenRightAndWrongAnswers() throws Exception {
    Path checkpoint = tinyCheckpoint();
    Path completionsFile = dir.resolve("forced.jsonl");

    CommandRun eval =
        CommandRun.of(
            "eval",
            "--checkpoint",
            checkpoint.toString(),
            "--per-level",
            "1",
            "--max-new-tokens",
            "40",
            "--budget",
            "3",
            "--answer-tokens",
            "2",
            "--json",
            "--completions",
            completionsFile.toString());

    assertThat(eval.exitCode()).isZero();
    JsonNode report = new ObjectMapper().readTree(eval.stdout());
    List<JsonNode> completions = new ArrayList<>();
    for (String line : Files.readAllLines(completionsFile)) {
      completions.add(new ObjectMapper().readTree(line));
    }
    // A barely trained policy does not end its thinking within 3 tokens: every completion is cut
    // there, gets the cue, and may write 2 tokens after it.
    String cue = " I am confident the answer is";
    for (JsonNode c : completions) {
      String text = c.get("text").asText();
      assertThat(text).contains(cue);
      assertThat(text.length() - text.indexOf(cue)).isLessThan(cue.length() + 40);
    }
    assertThat(report.get("meanLength").asDouble()).isGreaterThan(3).isLessThan(40);
    long right = completions.stream().filter(c -> c.get("correct").asBoolean()).count();
    double wrongLength =
        completions.stream()
            .filter(c -> !c.get("correct").asBoolean())
            .mapToInt(c -> c.get("length").asInt())
            .average()
            .orElseThrow();
    assertThat(report.get("meanWrongLength").asDouble()).isCloseTo(wrongLength, within(1e-9));
    assertThat(report.get("meanCorrectLength").isNull()).isEqualTo(right == 0);
  }

  @Test
  void anUnknownCueIsRefusedWithTheValidOnes() {
    CommandRun eval =
        CommandRun.of("eval", "--checkpoint", dir.toString(), "--budget", "5", "--cue", "nope");

    assertThat(eval.exitCode()).isEqualTo(2);
    assertThat(eval.stderr()).contains("--cue is 'nope'").contains("boxed, bundled-task");
  }

  @Test
  void aCueWithoutABudgetIsRefused() {
    CommandRun eval = CommandRun.of("eval", "--checkpoint", dir.toString(), "--cue", "boxed");

    assertThat(eval.exitCode()).isEqualTo(2);
    assertThat(eval.stderr()).contains("only apply with --budget");
  }

  @Test
  void samplesNeedATemperature() {
    CommandRun eval = CommandRun.of("eval", "--checkpoint", dir.toString(), "--samples", "4");

    assertThat(eval.exitCode()).isEqualTo(2);
  }

  /** Two SFT steps on a few problems: a checkpoint to evaluate, barely trained. */
  private Path tinyCheckpoint() {
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
    assertThat(sft.exitCode()).isZero();
    return dir.resolve("last");
  }
}
