package dev.brevity.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GaeBatchTest {

  private static final double EXACT = 1e-9;

  @Test
  void whiteningCentresAndScalesOverEveryTokenOfTheBatch() {
    // tokens 1, 3 | 5, 7: mean 4, population std sqrt((9 + 1 + 1 + 9)/4) = sqrt(5)
    List<double[]> white = GaeBatch.whiten(List.of(new double[] {1, 3}, new double[] {5, 7}));
    double std = Math.sqrt(5) + GaeBatch.WHITEN_EPSILON;
    assertThat(white.get(0)).containsExactly(new double[] {-3 / std, -1 / std}, within(EXACT));
    assertThat(white.get(1)).containsExactly(new double[] {1 / std, 3 / std}, within(EXACT));
  }

  @Test
  void explainedVarianceIsOneForExactValuesAndAtMostZeroForAConstant() {
    List<double[]> returns = List.of(new double[] {1, 2}, new double[] {3});
    assertThat(GaeBatch.explainedVariance(returns, returns)).isCloseTo(1, within(EXACT));
    // V ≡ 0: 1 − (1 + 4 + 9) / (1 + 0 + 1) = −6
    List<double[]> zero = List.of(new double[2], new double[1]);
    assertThat(GaeBatch.explainedVariance(returns, zero)).isCloseTo(-6, within(EXACT));
    // V ≡ mean R explains nothing: 0
    List<double[]> mean = List.of(new double[] {2, 2}, new double[] {2});
    assertThat(GaeBatch.explainedVariance(returns, mean)).isCloseTo(0, within(EXACT));
  }

  @Test
  void explainedVarianceOfReturnsThatDoNotVaryIsUndefined() {
    List<double[]> returns = List.of(new double[] {2, 2});
    assertThat(GaeBatch.explainedVariance(returns, List.of(new double[] {0, 1}))).isNaN();
  }

  @Test
  void aBatchIsEachSequencesGaeWhitenedTogether() {
    List<double[]> rewards = List.of(new double[] {0, 0, 1}, new double[] {0, 2});
    List<double[]> values = List.of(new double[] {0.5, 0.6, 0.7}, new double[] {1, 1});
    GaeBatch.Result batch = GaeBatch.of(rewards, values, 0.9, 0.8);
    Advantages.Gae first = Advantages.gae(rewards.get(0), values.get(0), 0.9, 0.8);
    Advantages.Gae second = Advantages.gae(rewards.get(1), values.get(1), 0.9, 0.8);
    assertThat(batch.returns().get(0)).containsExactly(first.returns());
    assertThat(batch.returns().get(1)).containsExactly(second.returns());
    List<double[]> white = GaeBatch.whiten(List.of(first.advantages(), second.advantages()));
    assertThat(batch.advantages().get(0)).containsExactly(white.get(0));
    assertThat(batch.advantages().get(1)).containsExactly(white.get(1));
    double sum = 0;
    for (double[] sequence : batch.advantages()) {
      for (double a : sequence) {
        sum += a;
      }
    }
    assertThat(sum).isCloseTo(0, within(EXACT));
    assertThat(batch.explainedVariance())
        .isEqualTo(GaeBatch.explainedVariance(batch.returns(), values));
  }
}
