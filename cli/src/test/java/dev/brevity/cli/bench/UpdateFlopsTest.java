package dev.brevity.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.policy.LlamaConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateFlopsTest {

  /**
   * Vocabulary 10, width 8, SwiGLU 16, 2 layers, 2 heads of 4, tied embeddings. Parameters: q, k,
   * v, o 4·8·8 = 256 and MLP 3·8·16 = 384 and two norms 16 per layer, 656; embedding 80; final norm
   * 8: N = 80 + 2·656 + 8 = 1,400.
   */
  private static final LlamaConfig TINY = LlamaConfig.small(10, 8, 2, 2, 2, 16, 64, 9);

  @Test
  void parameterCountOfTheTinyConfig() {
    assertThat(TINY.parameterCount()).isEqualTo(1_400);
  }

  @Test
  void forwardIsTwoFlopsPerWeightPerTokenPlusAttention() {
    // 2·1400·5 = 14,000 and 4·2 layers·8·5² = 1,600
    assertThat(UpdateFlops.forward(TINY, 5)).isEqualTo(15_600.0);
    // 2·1400·3 = 8,400 and 4·2·8·3² = 576
    assertThat(UpdateFlops.forward(TINY, 3)).isEqualTo(8_976.0);
  }

  @Test
  void trainingIsThreeForwards() {
    assertThat(UpdateFlops.training(TINY, 5)).isEqualTo(46_800.0);
  }

  @Test
  void anUpdateAddsEpochsOfTrainingAndTheScoringPasses() {
    // F(5) + F(3) = 24,576; one epoch (3·) plus π_old and reference passes (2·): 5 · 24,576
    assertThat(UpdateFlops.update(TINY, List.of(5, 3), 1, 2)).isEqualTo(122_880.0);
    // two epochs and π_old only: (2·3 + 1) · 24,576
    assertThat(UpdateFlops.update(TINY, List.of(5, 3), 2, 1)).isEqualTo(172_032.0);
  }
}
