package dev.brevity.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.cli.replay.Replay.ReplayedTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayDiffTest {

  private static ReplayedTrace trace(String id, double before, double after) {
    return new ReplayedTrace(id, 1, 10, true, before, after);
  }

  /**
   * before = (0.5, 0.5, 1.0, 0.0), after = (0.5, 0.25, 2.5, −1.0).
   *
   * <p>Means: before 2/4 = 0.5; after 2.25/4 = 0.5625. Changed: t2, t3, t4 (t1 is equal).
   *
   * <p>Ranks, ties averaged: before 0.0→1, 0.5 and 0.5→(2+3)/2 = 2.5, 1.0→4: (2.5, 2.5, 4, 1);
   * after −1→1, 0.25→2, 0.5→3, 2.5→4: (3, 2, 4, 1). Both mean 2.5; deviations dx = (0, 0, 1.5,
   * −1.5), dy = (0.5, −0.5, 1.5, −1.5); Σdx·dy = 4.5, Σdx² = 4.5, Σdy² = 5; ρ = 4.5 / √22.5 = √0.9
   * = 0.948683.
   *
   * <p>Largest changes: t3 by 1.5, t4 by 1.0, t2 by 0.25.
   */
  @Test
  void meansRankCorrelationChangesAndTopAgainstHandComputedValues() {
    List<ReplayedTrace> traces =
        List.of(
            trace("t1", 0.5, 0.5),
            trace("t2", 0.5, 0.25),
            trace("t3", 1.0, 2.5),
            trace("t4", 0.0, -1.0));

    ReplayDiff diff = ReplayDiff.of(traces, 2);

    assertThat(diff.compared()).isEqualTo(4);
    assertThat(diff.meanBefore()).isEqualTo(0.5);
    assertThat(diff.meanAfter()).isEqualTo(0.5625);
    assertThat(diff.spearman()).isCloseTo(Math.sqrt(0.9), within(1e-12));
    assertThat(diff.changed()).isEqualTo(3);
    assertThat(diff.top()).extracting(ReplayedTrace::traceId).containsExactly("t3", "t4");
  }

  @Test
  void averageRanksShareTheMeanRankOfATie() {
    assertThat(ReplayDiff.averageRanks(new double[] {0.5, 0.5, 1.0, 0.0}))
        .containsExactly(2.5, 2.5, 4.0, 1.0);
    assertThat(ReplayDiff.averageRanks(new double[] {1, 0, 0, 1, 0}))
        .containsExactly(4.5, 2.0, 2.0, 4.5, 2.0);
  }

  @Test
  void perfectAndReversedRankingsAreOneAndMinusOne() {
    assertThat(ReplayDiff.spearman(new double[] {1, 2, 3}, new double[] {10, 20, 90}))
        .isEqualTo(1.0);
    assertThat(ReplayDiff.spearman(new double[] {1, 2, 3}, new double[] {0, -1, -5}))
        .isEqualTo(-1.0);
  }

  @Test
  void aConstantSideOrTooFewTracesHaveNoRankCorrelation() {
    ReplayDiff constant =
        ReplayDiff.of(List.of(trace("a", 1, 0.3), trace("b", 1, 0.7), trace("c", 1, 1)), 10);
    assertThat(constant.spearman()).isNaN();
    assertThat(constant.changed()).isEqualTo(2);
    assertThat(constant.top()).extracting(ReplayedTrace::traceId).containsExactly("a", "b");

    assertThat(ReplayDiff.of(List.of(trace("a", 1, 0)), 10).spearman()).isNaN();
    ReplayDiff empty = ReplayDiff.of(List.of(), 10);
    assertThat(empty.meanBefore()).isNaN();
    assertThat(empty.spearman()).isNaN();
    assertThat(empty.top()).isEmpty();
  }

  @Test
  void unchangedTracesAreNeverListedAsChanges() {
    ReplayDiff same = ReplayDiff.of(List.of(trace("a", 0.25, 0.25), trace("b", 1, 1)), 10);
    assertThat(same.changed()).isZero();
    assertThat(same.top()).isEmpty();
    assertThat(same.spearman()).isEqualTo(1.0);
  }
}
