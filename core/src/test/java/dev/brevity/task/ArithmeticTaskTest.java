package dev.brevity.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.verify.BoxedAnswer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ArithmeticTaskTest {

  private static final long SEED = 7;

  @Test
  void trainAndEvalAreDisjoint() {
    Set<String> train = questions(ArithmeticTask.examples(Split.TRAIN, 300, SEED));
    Set<String> eval = questions(ArithmeticTask.examples(Split.EVAL, 100, SEED + 1));

    assertThat(train).hasSize(300 * Level.ALL.size());
    assertThat(eval).hasSize(100 * Level.ALL.size());
    assertThat(train).doesNotContainAnyElementsOf(eval);
  }

  @Test
  void sameSeedSameProblemsAndTraces() {
    assertThat(ArithmeticTask.examples(Split.TRAIN, 4, 20, SEED))
        .isEqualTo(ArithmeticTask.examples(Split.TRAIN, 4, 20, SEED));
    assertThat(ArithmeticTask.examples(Split.TRAIN, 4, 20, SEED))
        .isNotEqualTo(ArithmeticTask.examples(Split.TRAIN, 4, 20, SEED + 1));
  }

  @Test
  void bothTracesEndInTheRightAnswer() {
    for (Example example : ArithmeticTask.examples(Split.EVAL, 50, SEED)) {
      String answer = example.problem().answer();
      assertThat(BoxedAnswer.last(example.minimal())).contains(answer);
      assertThat(BoxedAnswer.last(example.teacher())).contains(answer);
      assertThat(example.minimal()).startsWith("<think>").contains("</think> \\boxed{");
      assertThat(example.teacher()).startsWith("<think>").contains("</think> \\boxed{");
    }
  }

  @Test
  void levelsGrowInOperationsNumbersAndSigns() {
    for (Level level : Level.ALL) {
      for (Example example : ArithmeticTask.examples(Split.TRAIN, level.level(), 100, SEED)) {
        String question = example.problem().question();
        long operations = question.chars().filter(c -> c == '+' || c == '-').count();
        assertThat(operations).isEqualTo(level.operations());
        assertThat(example.problem().difficulty()).isEqualTo(level.level());
      }
    }
    boolean anyNegative =
        ArithmeticTask.examples(Split.TRAIN, 7, 100, SEED).stream()
            .anyMatch(e -> e.minimal().contains("so -"));
    boolean noneNegativeEarly =
        ArithmeticTask.examples(Split.TRAIN, 6, 100, SEED).stream()
            .noneMatch(e -> e.minimal().contains("so -") || e.problem().answer().startsWith("-"));
    assertThat(anyNegative).as("level 7 has sign changes").isTrue();
    assertThat(noneNegativeEarly).as("levels 1-6 stay non-negative").isTrue();
  }

  @Test
  void hardLevelsSometimesSlipAndCorrectEasyOnesNever() {
    List<Example> easy = ArithmeticTask.examples(Split.TRAIN, 2, 200, SEED);
    List<Example> hard = ArithmeticTask.examples(Split.TRAIN, 6, 200, SEED);

    assertThat(easy).noneMatch(ArithmeticTaskTest::slips);
    long slips = hard.stream().filter(ArithmeticTaskTest::slips).count();
    assertThat(slips).isBetween(40L, 100L); // about 35 % of 200
  }

  @Test
  void balancedDataWeighsEveryLevelTheSameAndRepeatsLevelOneWithFreshTraces() {
    int perLevel = 2500; // more than level 1's distinct train problems
    List<Example> balanced = ArithmeticTask.balanced(Split.TRAIN, perLevel, SEED);

    Map<Integer, Long> perDifficulty =
        balanced.stream()
            .collect(Collectors.groupingBy(e -> e.problem().difficulty(), Collectors.counting()));
    assertThat(perDifficulty)
        .hasSize(Level.ALL.size())
        .allSatisfy((level, n) -> assertThat(n).isEqualTo(perLevel));
    List<Example> levelOne = balanced.stream().filter(e -> e.problem().difficulty() == 1).toList();
    int distinct = questions(levelOne).size();
    assertThat(distinct).isLessThan(perLevel);
    long distinctTraces = levelOne.stream().map(Example::teacher).distinct().count();
    assertThat(distinctTraces).as("repeats carry other teacher traces").isGreaterThan(distinct);
  }

  @Test
  void unknownLevelNamesTheValidOnes() {
    assertThatThrownBy(() -> ArithmeticTask.examples(Split.TRAIN, 9, 1, SEED))
        .hasMessage("unknown difficulty level 9; valid levels: 1 to 7");
  }

  private static boolean slips(Example example) {
    return example.teacher().contains("not right")
        || example.teacher().contains("looks wrong")
        || example.teacher().contains("redo that");
  }

  private static Set<String> questions(List<Example> examples) {
    return examples.stream()
        .map(e -> e.problem().question())
        .collect(Collectors.toCollection(HashSet::new));
  }
}
