package dev.brevity.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Dual-clip's cap on a negative advantage's loss, by hand: ε = 0.2, c = 3. */
class DualClipTest {

  /** Per-token loss and d loss / d log π_θ of one token with ratio ρ and advantage Â. */
  private static float[] lossAndGradient(double ratio, float advantage, double c) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logp = m.create(new float[] {(float) Math.log(ratio)}, new Shape(1, 1));
      logp.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        PolicyLoss.TokenTerms terms =
            PolicyLoss.tokenClipTerms(
                logp,
                m.zeros(new Shape(1, 1)),
                m.create(new float[] {advantage}, new Shape(1, 1)),
                new PolicyLoss.Clip(0.2, 0.2, c));
        collector.backward(terms.loss().sum());
        return new float[] {
          terms.loss().getFloat(), logp.getGradient().getFloat(), terms.clipped().getFloat()
        };
      }
    }
  }

  @Test
  void aNegativeAdvantagesLossIsCappedAtMinusAdvantageTimesC() {
    // ρ = 5, Â = −1: max(5, 1.2) = 5 → min(5, 3) = 3, a constant: no gradient, counted as clipped
    float[] capped = lossAndGradient(5, -1, 3);
    assertThat(capped[0]).isCloseTo(3f, within(1e-5f));
    assertThat(capped[1]).isZero();
    assertThat(capped[2]).isEqualTo(1f);
    // without dual-clip the same token weighs 5, with gradient −Â·ρ = 5
    float[] free = lossAndGradient(5, -1, 0);
    assertThat(free[0]).isCloseTo(5f, within(1e-5f));
    assertThat(free[1]).isCloseTo(5f, within(1e-4f));
  }

  @Test
  void belowTheCapAndForPositiveAdvantagesNothingChanges() {
    // ρ = 2, Â = −1: 2 < 3, PPO's loss and gradient
    float[] below = lossAndGradient(2, -1, 3);
    assertThat(below[0]).isCloseTo(2f, within(1e-5f));
    assertThat(below[1]).isCloseTo(2f, within(1e-5f));
    // ρ = 5, Â = +1: max(−5, −1.2) = −1.2 (PPO's clip), with or without dual-clip
    assertThat(lossAndGradient(5, 1, 3)[0]).isCloseTo(-1.2f, within(1e-5f));
    assertThat(lossAndGradient(5, 1, 0)[0]).isCloseTo(-1.2f, within(1e-5f));
  }
}
