package dev.brevity.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianAndRangeOfAnOddCount() {
    Stats s = Stats.of(5, 1, 3);

    assertThat(s).isEqualTo(new Stats(3, 1, 5, 3));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    Stats s = Stats.of(4, 1, 2, 10);

    assertThat(s.median()).isEqualTo(3.0);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(10.0);
    assertThat(s.count()).isEqualTo(4);
  }

  @Test
  void relativeSpreadIsTheRangeOverTheMedian() {
    assertThat(Stats.of(90, 100, 120).relativeSpread()).isCloseTo(0.3, within(1e-12));
    assertThat(Stats.single(7).relativeSpread()).isZero();
  }

  @Test
  void percentilesInterpolateBetweenTheClosestRanks() {
    double[] sorted = {10, 20, 30, 40, 50}; // positions 0..4

    assertThat(Stats.percentile(sorted, 0)).isEqualTo(10.0);
    assertThat(Stats.percentile(sorted, 0.5)).isEqualTo(30.0);
    assertThat(Stats.percentile(sorted, 1)).isEqualTo(50.0);
    assertThat(Stats.percentile(sorted, 0.99)).isCloseTo(49.6, within(1e-9)); // 3.96 → 40 + 0.96·10
    assertThat(Stats.percentile(sorted, 0.3)).isCloseTo(22.0, within(1e-9)); // 1.2 → 20 + 0.2·10
  }

  @Test
  void p99OfAHundredValuesLiesBetweenTheTwoLargest() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 … 1, unsorted
    }

    assertThat(Stats.percentileOf(values, 0.99)).isCloseTo(99.01, within(1e-9)); // 98.01 → 99.01
    assertThat(Stats.percentileOf(values, 0.5)).isCloseTo(50.5, within(1e-9));
  }

  @Test
  void refusesEmptyInput() {
    assertThatThrownBy(Stats::of).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
