package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.cli.bench.BenchSection;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

  @Test
  void runsEverySectionInOrderByDefault() {
    assertThat(BenchCommand.selected(null).stream().map(BenchSection::name))
        .containsExactly("generation", "training", "transport", "pipeline");
  }

  @Test
  void selectsSectionsByNameInTheOrderGiven() {
    assertThat(
            BenchCommand.selected(List.of("transport", "Generation", "transport")).stream()
                .map(BenchSection::name))
        .containsExactly("transport", "generation");
  }

  @Test
  void anUnknownSectionNamesTheValidOnes() {
    assertThatThrownBy(() -> BenchCommand.selected(List.of("warp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'warp'")
        .hasMessageContaining("generation, training, transport, pipeline");
  }

  @Test
  void anUnknownSectionExitsWithCodeTwo() {
    assertThat(CommandRun.of("bench", "--sections", "warp").exitCode()).isEqualTo(2);
  }
}
