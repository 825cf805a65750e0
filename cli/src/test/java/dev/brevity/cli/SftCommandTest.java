package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftCommandTest {

  @TempDir Path dir;

  @Test
  void theFramingStageNeedsTheFirstStagesWeights() {
    CommandRun run = CommandRun.of("sft", "--recipe", "framing", "--out", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(dir.resolve("last")).doesNotExist();
  }

  @Test
  void anUnknownRecipeIsRefused() {
    CommandRun run = CommandRun.of("sft", "--recipe", "stage3", "--out", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(dir.resolve("last")).doesNotExist();
  }

  @Test
  void aRunStartsFromTheWeightsItIsGiven() {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    CommandRun stage1 =
        CommandRun.of(
            "sft",
            "--out",
            first.toString(),
            "--steps",
            "1",
            "--per-level",
            "2",
            "--batch-size",
            "4");
    CommandRun stage2 =
        CommandRun.of(
            "sft",
            "--recipe",
            "framing",
            "--init",
            first.resolve("last").toString(),
            "--out",
            second.toString(),
            "--steps",
            "1",
            "--per-level",
            "2",
            "--batch-size",
            "4");

    assertThat(stage1.exitCode()).isZero();
    assertThat(stage2.exitCode()).isZero();
    assertThat(second.resolve("last").resolve("trainer_state.json"))
        .content()
        .contains("\"framing\":{\"restatement\":0.75,\"plan\":0.75,\"confirmation\":0.7}")
        .contains("\"batchesByLength\":false");
  }
}
