package dev.brevity.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.brevity.ppo.PolicyLoss.Aggregation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The losses against hand-computed values and a naive loop over the same numbers. */
class PolicyLossTest {

  private static final int B = 3;
  private static final int T = 5;

  @Test
  void oneTokenByHand() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mask = m.create(new float[] {1}, new Shape(1, 1));
      // ρ = 1.5, Â = 1: max(−1.5, −1.2) = −1.2, clipped
      PolicyLoss.Result up =
          PolicyLoss.tokenClip(
              m.create(new float[] {(float) Math.log(1.5)}, new Shape(1, 1)),
              m.zeros(new Shape(1, 1)),
              m.create(new float[] {1}, new Shape(1, 1)),
              mask,
              PolicyLoss.Clip.symmetric(0.2),
              Aggregation.TOKEN_MEAN);
      assertThat(up.loss().getFloat()).isCloseTo(-1.2f, within(1e-6f));
      assertThat(up.clipFraction()).isEqualTo(1.0);
      // ρ = 1.5, Â = −1: max(1.5, 1.2) = 1.5, not clipped (the pessimistic side)
      PolicyLoss.Result down =
          PolicyLoss.tokenClip(
              m.create(new float[] {(float) Math.log(1.5)}, new Shape(1, 1)),
              m.zeros(new Shape(1, 1)),
              m.create(new float[] {-1}, new Shape(1, 1)),
              mask,
              new PolicyLoss.Clip(0.2, 0.28, 0),
              Aggregation.TOKEN_MEAN);
      assertThat(down.loss().getFloat()).isCloseTo(1.5f, within(1e-6f));
      assertThat(down.clipFraction()).isZero();
    }
  }

  @Test
  void gradientsFlowInsideTheClipRangeAndStopOutsideIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      // ρ = 1.1 (inside): L = −Â·ρ, dL/dlog π = −Â·ρ = −1.1;  ρ = 1.5 (clipped): dL/dlog π = 0
      NDArray logp =
          m.create(new float[] {(float) Math.log(1.1), (float) Math.log(1.5)}, new Shape(1, 2));
      logp.setRequiresGradient(true);
      try (ai.djl.training.GradientCollector collector =
          ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        PolicyLoss.Result result =
            PolicyLoss.tokenClip(
                logp,
                m.zeros(new Shape(1, 2)),
                m.ones(new Shape(1, 2)),
                m.ones(new Shape(1, 2)),
                PolicyLoss.Clip.symmetric(0.2),
                Aggregation.SEQUENCE_MEAN);
        collector.backward(result.loss());
      }
      float[] gradient = logp.getGradient().toFloatArray();
      assertThat(gradient[0]).isCloseTo(-1.1f / 2, within(1e-6f)); // mean over 2 tokens
      assertThat(gradient[1]).isZero();
    }
  }

  @Test
  void tokenClipMatchesANaiveLoopUnderBothAggregations() {
    Random random = new Random(3);
    float[][] logp = randoms(random, -2, 0);
    float[][] old = randoms(random, -2, 0);
    float[][] adv = randoms(random, -1, 1);
    float[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {1, 1, 1, 0, 0}};
    try (NDManager m = NDManager.newBaseManager()) {
      for (Aggregation aggregation : Aggregation.values()) {
        PolicyLoss.Result result =
            PolicyLoss.tokenClip(
                array(m, logp),
                array(m, old),
                array(m, adv),
                array(m, mask),
                new PolicyLoss.Clip(0.2, 0.28, 0),
                aggregation);
        double tokenSum = 0;
        double tokens = 0;
        double sequenceMean = 0;
        for (int b = 0; b < B; b++) {
          double sum = 0;
          double count = 0;
          for (int t = 0; t < T; t++) {
            if (mask[b][t] == 0) {
              continue;
            }
            double ratio = Math.exp(logp[b][t] - old[b][t]);
            double clippedRatio = Math.max(0.8, Math.min(1.28, ratio));
            double loss = Math.max(-adv[b][t] * ratio, -adv[b][t] * clippedRatio);
            sum += loss;
            count++;
          }
          tokenSum += sum;
          tokens += count;
          sequenceMean += sum / count / B;
        }
        double expected = aggregation == Aggregation.TOKEN_MEAN ? tokenSum / tokens : sequenceMean;
        assertThat(result.loss().getFloat())
            .as("%s", aggregation)
            .isCloseTo((float) expected, within(1e-5f));
      }
    }
  }

  @Test
  void sequenceClipUsesTheLengthNormalisedRatioAgainstTheReference() {
    Random random = new Random(5);
    float[][] logp = randoms(random, -2, 0);
    float[][] ref = randoms(random, -2, 0);
    float[] adv = {1.0f, -0.5f, 2.0f};
    float[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {1, 1, 1, 0, 0}};
    try (NDManager m = NDManager.newBaseManager()) {
      PolicyLoss.Result result =
          PolicyLoss.sequenceClip(
              array(m, logp), array(m, ref), m.create(adv), array(m, mask), 0.2);
      double expected = 0;
      for (int b = 0; b < B; b++) {
        double meanLogp = 0;
        double meanRef = 0;
        double n = 0;
        for (int t = 0; t < T; t++) {
          meanLogp += mask[b][t] * logp[b][t];
          meanRef += mask[b][t] * ref[b][t];
          n += mask[b][t];
        }
        double ratio = Math.exp(meanLogp / n - meanRef / n);
        expected += Math.max(-adv[b] * ratio, -adv[b] * Math.max(0.8, Math.min(1.2, ratio))) / B;
      }
      assertThat(result.loss().getFloat()).isCloseTo((float) expected, within(1e-5f));
    }
  }

  private static float[][] randoms(Random random, double from, double to) {
    float[][] values = new float[B][T];
    for (float[] row : values) {
      for (int t = 0; t < T; t++) {
        row[t] = (float) (from + (to - from) * random.nextDouble());
      }
    }
    return values;
  }

  private static NDArray array(NDManager m, float[][] values) {
    float[] flat = new float[B * T];
    for (int b = 0; b < B; b++) {
      System.arraycopy(values[b], 0, flat, b * T, T);
    }
    return m.create(flat, new Shape(B, T));
  }
}
