package dev.brevity.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionRangeTest {

  @Test
  void parsesTheFourForms() {
    assertThat(VersionRange.parse("2..5")).isEqualTo(new VersionRange(2, 5));
    assertThat(VersionRange.parse("3..")).isEqualTo(new VersionRange(3, Long.MAX_VALUE));
    assertThat(VersionRange.parse("..4")).isEqualTo(new VersionRange(0, 4));
    assertThat(VersionRange.parse("7")).isEqualTo(new VersionRange(7, 7));
  }

  @Test
  void isInclusiveAtBothEnds() {
    VersionRange range = VersionRange.parse("2..5");
    assertThat(range.contains(1)).isFalse();
    assertThat(range.contains(2)).isTrue();
    assertThat(range.contains(5)).isTrue();
    assertThat(range.contains(6)).isFalse();
  }

  @Test
  void aBadRangeNamesTheOptionAndTheValidForms() {
    for (String bad : new String[] {"", "..", "5..2", "a..b", "1-3", "-1", "1...3"}) {
      assertThatThrownBy(() -> VersionRange.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--versions: '" + bad + "'")
          .hasMessageContaining("A..B, A.., ..B or N");
    }
  }
}
