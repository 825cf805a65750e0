package dev.brevity.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Traces.Framing;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TracesTest {

  private static final List<Example> EXAMPLES = ArithmeticTask.examples(Split.TRAIN, 40, 3L);

  @Test
  void alwaysKeepsTheTeacherAsItIs() {
    Random random = new Random(1);
    for (Example e : EXAMPLES) {
      assertThat(Traces.withFraming(e.teacher(), Framing.ALWAYS, random)).isEqualTo(e.teacher());
    }
  }

  @Test
  void neverDropsExactlyTheRestatementThePlanAndTheConfirmation() {
    Example e = ArithmeticTask.examples(Split.TRAIN, 3, 1, 1L).get(0);
    String teacher = e.teacher();
    String bare = Traces.withFraming(teacher, new Framing(0, 0, 0), new Random(1));

    String expression = e.problem().question().substring("Compute ".length()).replace(".", "");
    assertThat(bare).doesNotContain(expression).doesNotContain("confirm another way");
    // The thought opens with the first step's arithmetic ("33+13: …" or "7+5=12.").
    assertThat(bare.substring("<think>".length())).matches("^-?\\d+[+-]\\d+.*");
    assertThat(bare)
        .endsWith(
            "So the result is "
                + e.problem().answer()
                + ".</think> \\boxed{"
                + e.problem().answer()
                + "}");
    // What is left is the teacher's middle, word for word: its steps, re-checks and hesitations.
    String middle = bare.substring("<think>".length(), bare.indexOf("</think>"));
    assertThat(teacher).contains(middle);
    assertThat(hasPlan(bare)).isFalse();
    assertThat(hasPlan(teacher)).isTrue();
  }

  @Test
  void eachPartIsKeptWithItsProbability() {
    Framing framing = new Framing(0.75, 0.5, 0.25);
    Random random = new Random(5);
    int restated = 0;
    int planned = 0;
    int confirmed = 0;
    int n = 0;
    for (int round = 0; round < 10; round++) {
      for (Example e : EXAMPLES) {
        String trace = Traces.withFraming(e.teacher(), framing, random);
        String expression = e.problem().question().substring("Compute ".length()).replace(".", "");
        restated += trace.contains(expression) ? 1 : 0;
        planned += hasPlan(trace) ? 1 : 0;
        confirmed += trace.contains("Let me confirm another way.") ? 1 : 0;
        n++;
      }
    }
    assertThat((double) restated / n).isCloseTo(0.75, offset(0.05));
    assertThat((double) planned / n).isCloseTo(0.5, offset(0.05));
    assertThat((double) confirmed / n).isCloseTo(0.25, offset(0.05));
  }

  @Test
  void aDirectTraceIsTheMinimalChainInTheTeachersFrame() {
    // Every level, slips included (levels 3 and up): what is left before "So the result is N." is
    // the minimal solution's reasoning, word for word.
    for (Example e : ArithmeticTask.examples(Split.TRAIN, 20, 7L)) {
      String direct = Traces.withFraming(e.teacher(), new Framing(0, 0, 1, 1), new Random(1));
      String thought = direct.substring("<think>".length(), direct.indexOf("</think>"));
      String minimal = e.minimal().substring("<think>".length(), e.minimal().indexOf("</think>"));
      assertThat(thought)
          .startsWith(minimal + " So the result is " + e.problem().answer() + ".")
          .contains("Let me confirm another way.");
      assertThat(hasPlan(direct)).isFalse();
    }
  }

  @Test
  void onlyTracesWithoutAnOpeningGoDirect() {
    Random random = new Random(9);
    int unopened = 0;
    int direct = 0;
    for (int round = 0; round < 20; round++) {
      for (Example e : EXAMPLES) {
        String trace = Traces.withFraming(e.teacher(), new Framing(0.5, 0.5, 1, 0.6), random);
        String expression = e.problem().question().substring("Compute ".length()).replace(".", "");
        boolean checks = trace.matches(".*(Yes|Right|Good)\\..*");
        if (!hasPlan(trace) && !trace.contains(expression)) {
          unopened++;
          direct += checks ? 0 : 1;
        } else {
          assertThat(checks).as(trace).isEqualTo(e.teacher().matches(".*(Yes|Right|Good)\\..*"));
        }
      }
    }
    assertThat((double) direct / unopened).isCloseTo(0.6, offset(0.07));
  }

  @Test
  void probabilitiesOutsideZeroToOneAreRejected() {
    assertThatThrownBy(() -> new Framing(1.5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "[0, 1], got restatement 1.5, plan 1.0, confirmation 1.0, direct 0.0");
  }

  private static boolean hasPlan(String trace) {
    return trace.contains("Let me go step by step.")
        || trace.contains("I will work through it one operation at a time.")
        || trace.contains("Hmm, let me think.");
  }
}
