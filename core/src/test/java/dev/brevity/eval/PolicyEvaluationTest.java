package dev.brevity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.brevity.eval.PolicyEvaluation.Report;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.sft.SftTrainerFixture;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.TaskProblem;
import dev.brevity.verify.AnswerVerifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEvaluationTest {

  @TempDir Path dir;

  @Test
  void reportsAccuracyAndLengthPerDifficulty() {
    Path checkpoint = SftTrainerFixture.trainTiny(dir);
    List<TaskProblem> problems =
        ArithmeticTask.examples(ArithmeticTask.Split.EVAL, 2, 1L).stream()
            .map(Example::problem)
            .toList();

    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(checkpoint, manager)) {
      Report report =
          PolicyEvaluation.evaluate(
              policy,
              policy.generator()::generate,
              problems,
              SamplingConfig.greedy(8),
              1,
              4,
              AnswerVerifier.standard(),
              done -> {},
              completion -> {});

      assertThat(report.overall().n()).isEqualTo(problems.size());
      assertThat(report.byDifficulty().keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(report.overall().meanLength()).isBetween(1.0, 8.0);
      // Eight tokens cannot hold a finished answer: a tiny, barely trained model gets none right.
      assertThat(report.overall().accuracy()).isZero();
    }
  }
}
