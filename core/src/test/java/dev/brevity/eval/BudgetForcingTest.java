package dev.brevity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.brevity.eval.PolicyEvaluation.Report;
import dev.brevity.policy.Generation;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.Prompts;
import dev.brevity.task.TaskProblem;
import dev.brevity.verify.AnswerVerifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budget forcing on the shipped reference model: cut at the budget, then the answer is forced. */
class BudgetForcingTest {

  static final Path REFERENCE = Path.of("..", "models", "reference");

  @Test
  void cutsThinkingAtTheBudgetAndForcesAnAnswer() {
    List<TaskProblem> problems =
        ArithmeticTask.examples(ArithmeticTask.Split.EVAL, 3, 4, 1).stream()
            .map(Example::problem)
            .toList(); // level 3: the reference thinks ~265 tokens
    int budget = 60;
    int answerTokens = 20;
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(REFERENCE, manager)) {
      List<int[]> prompts =
          problems.stream().map(p -> policy.tokenizer().encode(Prompts.of(p))).toList();
      int forced = policy.tokenizer().encode(BudgetForcing.Cue.BUNDLED_TASK.text()).length;

      List<Generation> free = policy.generator().generate(prompts, SamplingConfig.greedy(400));
      List<Generation> cut =
          new BudgetForcing(policy, budget, BudgetForcing.Cue.BUNDLED_TASK, answerTokens)
              .decode(prompts, SamplingConfig.greedy(400));

      for (int i = 0; i < prompts.size(); i++) {
        Generation whole = free.get(i);
        Generation g = cut.get(i);
        assertThat(whole.tokens().length).isGreaterThan(budget);
        // the first `budget` tokens are the free run's; then the forced closing; then the answer
        assertThat(Arrays.copyOf(g.tokens(), budget))
            .isEqualTo(Arrays.copyOf(whole.tokens(), budget));
        assertThat(g.tokens().length)
            .isBetween(budget + forced + 1, budget + forced + answerTokens);
        assertThat(g.text()).contains(BudgetForcing.Cue.BUNDLED_TASK.text());
        assertThat(g.logProbs()).hasSize(g.tokens().length);
      }
      // the policy states a number after the cue, and the answer stops at the full stop
      assertThat(cut).allSatisfy(g -> assertThat(g.finishReason()).isEqualTo(FinishReason.EOS));
      assertThat(cut)
          .allSatisfy(
              g -> assertThat(g.text()).matches("(?s).* I am confident the answer is -?\\d+\\."));
      // and the verifier reads that number as the answer
      AnswerVerifier verifier = AnswerVerifier.standard();
      for (int i = 0; i < problems.size(); i++) {
        String stated = cut.get(i).text().replaceAll("(?s).*answer is (-?\\d+)\\.$", "$1");
        boolean right = stated.equals(problems.get(i).answer());
        assertThat(
                verifier.verifyOutput(problems.get(i).answer(), cut.get(i).text(), false).correct())
            .isEqualTo(right);
      }
    }
  }

  @Test
  void aBudgetAboveTheThinkingChangesNothing() {
    List<TaskProblem> problems =
        ArithmeticTask.examples(ArithmeticTask.Split.EVAL, 2, 1).stream()
            .map(Example::problem)
            .filter(p -> p.difficulty() <= 2)
            .toList();
    Report[] freeAndForced = freeAndForced(problems, 400);

    assertThat(freeAndForced[1]).isEqualTo(freeAndForced[0]);
    assertThat(freeAndForced[0].overall().accuracy()).isEqualTo(1.0);
  }

  @Test
  void aBudgetShortOfTheConfirmationShortensAndStillAnswers() {
    List<TaskProblem> problems =
        ArithmeticTask.examples(ArithmeticTask.Split.EVAL, 2, 8, 1).stream()
            .map(Example::problem)
            .toList(); // level 2: ~158 tokens, of which the closing confirmation is ~60
    Report[] freeAndForced = freeAndForced(problems, 110);

    assertThat(freeAndForced[1].overall().meanLength())
        .isLessThan(freeAndForced[0].overall().meanLength());
    // some forced answers are right (0.375 here): the verifier reads the stated number
    assertThat(freeAndForced[1].overall().accuracy()).isPositive();
  }

  /** The reference's greedy evaluation of {@code problems}, free and forced at {@code budget}. */
  private static Report[] freeAndForced(List<TaskProblem> problems, int budget) {
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(REFERENCE, manager)) {
      SamplingConfig greedy = SamplingConfig.greedy(400);
      AnswerVerifier verifier = AnswerVerifier.standard();
      BudgetForcing forcing = new BudgetForcing(policy, budget, BudgetForcing.Cue.BUNDLED_TASK, 8);
      return new Report[] {
        PolicyEvaluation.greedy(policy, problems, 400, 8),
        PolicyEvaluation.evaluate(
            policy, forcing, problems, greedy, 1, 8, verifier, d -> {}, c -> {})
      };
    }
  }

  @Test
  void rejectsAnEmptyBudget() {
    assertThatThrownBy(() -> new BudgetForcing(null, 0, BudgetForcing.Cue.BUNDLED_TASK, 8))
        .hasMessageContaining("at least 1, got 0 and 8");
  }
}
