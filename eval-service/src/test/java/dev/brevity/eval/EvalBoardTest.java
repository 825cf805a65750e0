package dev.brevity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.testsupport.SampleEvents;
import org.junit.jupiter.api.Test;

class EvalBoardTest {

  @Test
  void keepsPolicyVersionOrderAndTheNewestPoints() {
    EvalBoard board = new EvalBoard(() -> 2);

    for (long version : new long[] {3, 1, 2}) {
      board.add("run-1", EvalPoint.of(SampleEvents.evalCompleted("run-1", version, 0.5, 100.0)));
    }

    assertThat(board.points("run-1")).extracting(EvalPoint::policyVersion).containsExactly(2L, 3L);
    assertThat(board.points("run-2")).isEmpty();
    assertThat(board.runs()).containsExactly("run-1");
  }

  @Test
  void badHistorySizeNamesTheKey() {
    assertThatThrownBy(() -> new EvalBoard(() -> 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brevity.eval.history-per-run: must be at least 1, got 0");
  }
}
