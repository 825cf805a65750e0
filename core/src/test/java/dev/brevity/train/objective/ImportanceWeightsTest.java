package dev.brevity.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.train.Rollout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Truncated importance sampling's weight w_t = min(π_old(y_t) / π_behaviour(y_t), cap). */
class ImportanceWeightsTest {

  @Test
  void theWeightIsTheUpdatingPolicyOverTheSamplerCappedFromAbove() {
    float old = -1.0f;
    float[] behaviour = {
      old - (float) Math.log(3), // the sampler found it 3× less likely: w = min(3, 2) = 2
      old + (float) Math.log(2), // 2× more likely: w = 0.5, never raised to the cap
      old // the same policy: w = 1
    };
    Rollout rollout =
        new Rollout(
            "r/0",
            "r",
            "p",
            1,
            0,
            0,
            0,
            false,
            new int[] {1},
            new int[3],
            behaviour,
            true,
            0,
            false);

    float[] w =
        TokenClip.importanceWeights(List.of(rollout), List.of(new float[] {old, old, old}), 2.0)
            .get(0);

    assertThat(w[0]).isCloseTo(2.0f, within(1e-5f));
    assertThat(w[1]).isCloseTo(0.5f, within(1e-5f));
    assertThat(w[2]).isCloseTo(1.0f, within(1e-6f));
  }
}
