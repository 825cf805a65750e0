package dev.brevity.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PreferenceLossTest {

  @Test
  void dpoIsTheMeanSoftplusOfTheNegativeScaledMargin() {
    try (NDManager m = NDManager.newBaseManager()) {
      // margins: β·((−10 − −12) − (−20 − −19)) = 0.1·(2 + 1) = 0.3 ; 0.1·((−5+5) − (−8+4)) = 0.4
      double loss =
          PolicyLoss.dpo(
                  m.create(new float[] {-10, -5}),
                  m.create(new float[] {-20, -8}),
                  m.create(new float[] {-12, -5}),
                  m.create(new float[] {-19, -4}),
                  0.1)
              .getFloat();
      double expected = (Math.log1p(Math.exp(-0.3)) + Math.log1p(Math.exp(-0.4))) / 2;
      assertThat(loss).isCloseTo(expected, within(1e-6));
    }
  }

  @Test
  void dpoIsStableForLargeMargins() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDManager s = m;
      double loss =
          PolicyLoss.dpo(
                  s.create(new float[] {0}),
                  s.create(new float[] {-5000}),
                  s.create(new float[] {0}),
                  s.create(new float[] {0}),
                  1)
              .getFloat();
      assertThat(loss).isCloseTo(0, within(1e-6));
      double wrong =
          PolicyLoss.dpo(
                  s.create(new float[] {-5000}),
                  s.create(new float[] {0}),
                  s.create(new float[] {0}),
                  s.create(new float[] {0}),
                  1)
              .getFloat();
      assertThat(wrong).isCloseTo(5000, within(1e-2));
    }
  }
}
