package dev.brevity.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.tokenizer.TextTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lengths in tokens of the bundled tokenizer: the L(y) that length rewards see. */
class TraceLengthTest {

  @Test
  void teacherIsAtLeastTwiceMinimalOnEveryLevelAndRedundancyDoesNotGrowWithDifficulty() {
    double[] ratios = new double[Level.ALL.size()];
    try (TextTokenizer tokenizer = TextTokenizer.bundled()) {
      for (Level level : Level.ALL) {
        List<Example> examples = ArithmeticTask.examples(Split.TRAIN, level.level(), 300, 11);
        double minimal =
            examples.stream().mapToInt(e -> tokenizer.count(e.minimal())).average().orElseThrow();
        double teacher =
            examples.stream().mapToInt(e -> tokenizer.count(e.teacher())).average().orElseThrow();
        ratios[level.level() - 1] = teacher / minimal;
        System.out.printf(
            "level %d: minimal %.1f tokens, teacher %.1f tokens, ratio %.2f%n",
            level.level(), minimal, teacher, teacher / minimal);
      }
    }
    for (int i = 0; i < ratios.length; i++) {
      assertThat(ratios[i]).as("teacher/minimal on level %d", i + 1).isGreaterThanOrEqualTo(2.0);
    }
    assertThat(ratios[0])
        .as("easiest level over-thought at least as much as the hardest")
        .isGreaterThanOrEqualTo(ratios[ratios.length - 1]);
  }
}
