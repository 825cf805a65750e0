package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftCommandTest {

  @TempDir Path dir;

  @Test
  void aRecipeItCannotRunIsRefusedBeforeTraining() {
    // The later stages without the weights they continue, and a recipe that does not exist.
    for (String recipe : new String[] {"framing", "direct", "stage4"}) {
      CommandRun run = CommandRun.of("sft", "--recipe", recipe, "--out", dir.toString());

      assertThat(run.exitCode()).as(recipe).isEqualTo(2);
      assertThat(dir.resolve("last")).as(recipe).doesNotExist();
    }
  }

  @Test
  void aRunStartsFromTheWeightsItIsGiven() {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    CommandRun stage1 = tinySft("--out", first.toString());
    CommandRun stage2 =
        tinySft(
            "--recipe",
            "framing",
            "--init",
            first.resolve("last").toString(),
            "--out",
            second.toString());

    Path third = dir.resolve("third");
    CommandRun stage3 =
        tinySft(
            "--recipe",
            "direct",
            "--init",
            second.resolve("last").toString(),
            "--out",
            third.toString());

    assertThat(stage1.exitCode()).isZero();
    assertThat(stage2.exitCode()).isZero();
    assertThat(stage3.exitCode()).isZero();
    assertThat(second.resolve("last").resolve("trainer_state.json"))
        .content()
        .contains(
            "\"framing\":{\"restatement\":0.75,\"plan\":0.75,\"confirmation\":0.7,"
                + "\"direct\":0.0}")
        .contains("\"batchesByLength\":false");
    assertThat(third.resolve("last").resolve("trainer_state.json"))
        .content()
        .contains(
            "\"framing\":{\"restatement\":0.75,\"plan\":0.75,\"confirmation\":0.7,"
                + "\"direct\":1.0}");
  }

  /** One step on a few problems: enough to write a checkpoint. */
  private static CommandRun tinySft(String... args) {
    List<String> all =
        new ArrayList<>(List.of("sft", "--steps", "1", "--per-level", "2", "--batch-size", "4"));
    all.addAll(List.of(args));
    return CommandRun.of(all.toArray(String[]::new));
  }
}
