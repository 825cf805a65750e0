package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void aSkippedNonFiniteGradientLeavesWeightsAndLaterStepsIntact() {
    try (NDManager manager = NDManager.newBaseManager();
        AdamW optimizer = new AdamW(AdamW.Hyper.standard(), manager)) {
      NDArray w = manager.create(new float[] {1f, 2f, 3f});
      w.setRequiresGradient(true);
      Map<String, NDArray> weights = Map.of("w", w);

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(w.log().mul(Float.NaN).sum()); // d/dw is NaN everywhere
      }
      assertThat(Double.isFinite(AdamW.gradientNorm(weights))).isFalse();
      AdamW.skip(weights);
      assertThat(w.toFloatArray()).containsExactly(1f, 2f, 3f);
      assertThat(AdamW.gradientNorm(weights)).isZero();

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(w.square().sum()); // d/dw = 2w
      }
      optimizer.step(weights, 0.1, 1.0);
      float[] after = w.toFloatArray();
      for (int i = 0; i < after.length; i++) {
        assertThat(after[i]).isFinite().isLessThan(i + 1f); // moved downhill, no NaN carried over
      }
    }
  }
}
