package dev.brevity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.brevity.eval.PolicyEvaluation.Report;
import dev.brevity.eval.PolicyEvaluation.Stats;
import dev.brevity.policy.Policy;
import dev.brevity.sft.SftTrainerFixture;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.TaskProblem;
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
      Report report = PolicyEvaluation.greedy(policy, problems, 8, 4);

      assertThat(report.overall().n()).isEqualTo(problems.size());
      assertThat(report.byDifficulty().keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(report.overall().meanLength()).isBetween(1.0, 8.0);
      // Eight tokens cannot hold a finished answer: a tiny, barely trained model gets none right.
      assertThat(report.overall().accuracy()).isZero();
      assertThat(report.overall().meanCorrectLength()).isNaN();
      assertThat(report.overall().meanWrongLength()).isEqualTo(report.overall().meanLength());
    }
  }

  @Test
  void statsSplitTheLengthBetweenRightAndWrongAnswers() {
    // Five answers of 50 tokens in all, two right ones of 15 tokens together.
    Stats stats = Stats.of(new double[] {2, 50, 5, 15});

    assertThat(stats.accuracy()).isEqualTo(0.4);
    assertThat(stats.meanLength()).isEqualTo(10.0);
    assertThat(stats.n()).isEqualTo(5);
    assertThat(stats.meanCorrectLength()).isEqualTo(7.5);
    assertThat(stats.meanWrongLength()).isEqualTo(35.0 / 3);
    assertThat(Stats.of(new double[] {3, 30, 3, 30}).meanWrongLength()).isNaN();
  }
}
