package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceStatisticsTest {

  @Test
  void meanLengthAccuracyAndCorrectLengthsOfKSamples() {
    ReferenceStatistics stats =
        ReferenceStatistics.of(
            List.of(
                new Attempt(100, true, true),
                new Attempt(200, true, false),
                new Attempt(900, false, true), // cut: not correct
                new Attempt(160, true, true)));

    assertThat(stats.samples()).isEqualTo(4);
    assertThat(stats.meanLength()).isEqualTo(340.0); // (100 + 200 + 900 + 160) / 4
    assertThat(stats.meanAccuracy()).isEqualTo(0.5);
    assertThat(stats.correctLengths()).containsExactly(100, 160);
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> ReferenceStatistics.of(List.of())).hasMessageContaining("K >= 1");
  }
}
