package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.policy.checkpoint.Manifest;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.Prompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped reference checkpoint loads, verifies, and thinks long in the teacher's format. */
class ReferenceModelTest {

  static final Path REFERENCE = Path.of("..", "models", "reference");

  @Test
  void loadsWithItsManifestAndWritesTeacherStyleTraces() {
    Manifest.read(REFERENCE).verify(REFERENCE);
    List<Example> examples = ArithmeticTask.examples(ArithmeticTask.Split.EVAL, 1, 8, 3);
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(REFERENCE, manager)) {
      assertThat(policy.model().config().parameterCount()).isBetween(800_000L, 900_000L);
      List<int[]> prompts = new ArrayList<>();
      examples.forEach(e -> prompts.add(policy.tokenizer().encode(Prompts.of(e.problem()))));

      List<Generation> generations =
          policy.generator().generate(prompts, SamplingConfig.greedy(400));

      for (Generation g : generations) {
        assertThat(g.finishReason()).isEqualTo(FinishReason.EOS);
        assertThat(g.text()).startsWith("<think>").contains("</think> \\boxed{");
        assertThat(g.text())
            .contains("Let me confirm another way"); // it over-thinks, like its teacher
      }
    }
  }
}
