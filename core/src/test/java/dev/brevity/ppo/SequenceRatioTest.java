package dev.brevity.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** GSPO's sequence ratio in token form, by hand: one sequence, π_old = 1 on every token, Â = 1. */
class SequenceRatioTest {

  private static final PolicyLoss.Clip CLIP = new PolicyLoss.Clip(0.2, 0.2, 3);

  /** Per-token losses, then d Σ_t L_t / d log π_θ(y_t), then the clipped flags. */
  private static float[][] terms(double[] ratios, float[] mask, boolean sequence) {
    try (NDManager m = NDManager.newBaseManager()) {
      int t = ratios.length;
      float[] logs = new float[t];
      for (int i = 0; i < t; i++) {
        logs[i] = (float) Math.log(ratios[i]);
      }
      NDArray logp = m.create(logs, new Shape(1, t));
      logp.setRequiresGradient(true);
      NDArray old = m.zeros(new Shape(1, t));
      NDArray adv = m.create(new float[] {1}, new Shape(1, 1));
      NDArray maskArray = m.create(mask, new Shape(1, t));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        PolicyLoss.TokenTerms terms =
            sequence
                ? PolicyLoss.sequenceRatioTerms(logp, old, adv, maskArray, CLIP)
                : PolicyLoss.tokenClipTerms(logp, old, adv, CLIP);
        collector.backward(terms.loss().mul(maskArray).sum());
        return new float[][] {
          terms.loss().toFloatArray(),
          logp.getGradient().toFloatArray(),
          terms.clipped().toFloatArray()
        };
      }
    }
  }

  @Test
  void everyTokenCarriesTheGeometricMeanRatioWithItsOwnGradient() {
    // ρ = 1.1, 0.9: s = exp((ln 1.1 + ln 0.9)/2) = √0.99 = 0.994987, inside [0.8, 1.2]
    // L_t = −Â·s on both tokens; ∂L_t/∂log π_θ(y_t) = −Â·s
    float[][] gspo = terms(new double[] {1.1, 0.9}, new float[] {1, 1}, true);
    double s = Math.sqrt(0.99);
    assertThat(gspo[0]).containsExactly(new float[] {(float) -s, (float) -s}, within(1e-5f));
    assertThat(gspo[1]).containsExactly(new float[] {(float) -s, (float) -s}, within(1e-5f));
    // the token ratio instead weighs each token by its own ρ_t
    assertThat(terms(new double[] {1.1, 0.9}, new float[] {1, 1}, false)[1])
        .containsExactly(new float[] {-1.1f, -0.9f}, within(1e-5f));
  }

  @Test
  void theWholeSequenceIsClippedOrNot() {
    // ρ = 1.5, 1/1.5: the token ratio clips the first token (Â > 0, ρ > 1.2: no gradient) ...
    float[][] token = terms(new double[] {1.5, 1 / 1.5}, new float[] {1, 1}, false);
    assertThat(token[1][0]).isZero();
    assertThat(token[2]).containsExactly(1f, 0f);
    // ... but their geometric mean is s = 1: nothing is clipped, both tokens get −Â·1
    float[][] gspo = terms(new double[] {1.5, 1 / 1.5}, new float[] {1, 1}, true);
    assertThat(gspo[1]).containsExactly(new float[] {-1f, -1f}, within(1e-5f));
    assertThat(gspo[2]).containsExactly(0f, 0f);
    // ρ = 2, 2: s = 2 > 1.2, every token is clipped to −1.2, without gradient
    float[][] clipped = terms(new double[] {2, 2}, new float[] {1, 1}, true);
    assertThat(clipped[0]).containsExactly(new float[] {-1.2f, -1.2f}, within(1e-5f));
    assertThat(clipped[1]).containsOnly(0f);
    assertThat(clipped[2]).containsExactly(1f, 1f);
  }

  @Test
  void paddingDoesNotEnterTheSequencesMean() {
    // the third position is padding with ρ = 5: s is still √0.99
    float[][] gspo = terms(new double[] {1.1, 0.9, 5}, new float[] {1, 1, 0}, true);
    assertThat(gspo[0][0]).isCloseTo((float) -Math.sqrt(0.99), within(1e-5f));
  }
}
