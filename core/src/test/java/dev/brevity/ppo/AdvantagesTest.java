package dev.brevity.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdvantagesTest {

  private static final double EXACT = 1e-9;

  @Test
  void grpoNormalisesWithinTheGroup() {
    // rewards 1, 0, 0, 1: mean 0.5; unbiased std sqrt(1/3) = 0.57735; population std 0.5
    double[] bessel = Advantages.grpo(new double[] {1, 0, 0, 1}, true);
    assertThat(bessel[0]).isCloseTo(0.5 / (Math.sqrt(1.0 / 3) + 1e-6), within(EXACT));
    assertThat(bessel[1]).isCloseTo(-0.5 / (Math.sqrt(1.0 / 3) + 1e-6), within(EXACT));
    double[] population = Advantages.grpo(new double[] {1, 0, 0, 1}, false);
    assertThat(population[0]).isCloseTo(0.5 / (0.5 + 1e-6), within(EXACT));
    assertThat(population[3]).isCloseTo(population[0], within(EXACT));
  }

  @Test
  void grpoGivesNothingToAGroupThatAgreesAndTheRewardToALoneSample() {
    assertThat(Advantages.grpo(new double[] {1, 1, 1}, true)).containsOnly(0.0);
    assertThat(Advantages.grpo(new double[] {0.7}, true)).containsExactly(0.7);
  }

  @Test
  void centeredKeepsTheRewardsScaleWhereGrpoWouldStretchIt() {
    // rewards 1.00, 0.96, 0.98, 1.02 (all right, lengths differ): mean 0.99
    double[] centered = Advantages.centered(new double[] {1.00, 0.96, 0.98, 1.02});
    assertThat(centered).containsExactly(new double[] {0.01, -0.03, -0.01, 0.03}, within(EXACT));
    // GRPO divides the same differences by their std (0.0258), to the size of a right/wrong split
    assertThat(Advantages.grpo(new double[] {1.00, 0.96, 0.98, 1.02}, true)[3]).isGreaterThan(1);
    assertThat(Advantages.centered(new double[] {0.7})).containsExactly(0.7);
  }

  @Test
  void rlooSubtractsTheMeanOfTheOtherSamples() {
    // rewards 1, 0, 0, 1: Â_0 = 1 − (0 + 0 + 1)/3 = 2/3;  Â_1 = 0 − (1 + 0 + 1)/3 = −2/3
    double[] rloo = Advantages.rloo(new double[] {1, 0, 0, 1});
    assertThat(rloo)
        .containsExactly(new double[] {2.0 / 3, -2.0 / 3, -2.0 / 3, 2.0 / 3}, within(EXACT));
    // = K/(K−1) · GRPO's centred advantage; a lone sample keeps its reward (verl)
    assertThat(Advantages.rloo(new double[] {3, 1})).containsExactly(2.0, -2.0);
    assertThat(Advantages.rloo(new double[] {0.7})).containsExactly(0.7);
  }

  @Test
  void reinforcePlusPlusWhitensTheRewardOverTheBatchsTokens() {
    // r = (1, 0) over 3 and 1 tokens: N = 4, μ = 3/4 (a token mean, not the sequence mean 1/2)
    // σ² = (3·(1/4)² + 1·(3/4)²)/4 · 4/3 = 1/4, σ = 1/2:  Â = (1/4)/(1/2) = 0.5, (−3/4)/(1/2) =
    // −1.5
    double[] a = Advantages.reinforcePlusPlus(new double[] {1, 0}, new int[] {3, 1});
    assertThat(a).containsExactly(new double[] {0.5, -1.5}, within(1e-6));
    // equal lengths: the sequences' z-score with Bessel's correction over tokens
    double[] even = Advantages.whitenOverTokens(new double[] {2, 0}, new int[] {1, 1});
    assertThat(even).containsExactly(new double[] {Math.sqrt(0.5), -Math.sqrt(0.5)}, within(1e-6));
  }

  @Test
  void stdIsZeroForOneValueAndBesselOrPopulationOtherwise() {
    // 1, 0, 1, 1: mean 3/4, squares 3/4: unbiased 1/4 → 1/2; population 3/16
    assertThat(Advantages.std(new double[] {1, 0, 1, 1}, true)).isCloseTo(0.5, within(EXACT));
    assertThat(Advantages.std(new double[] {1, 0, 1, 1}, false))
        .isCloseTo(Math.sqrt(3.0 / 16), within(EXACT));
    assertThat(Advantages.std(new double[] {5}, true)).isZero();
  }

  @Test
  void zScoreUsesThePopulationStandardDeviation() {
    // R = 2, −1, 1, 2: mean 1, population std sqrt((1 + 4 + 0 + 1)/4) = sqrt(1.5)
    double[] z = Advantages.zScore(new double[] {2, -1, 1, 2});
    assertThat(z[0]).isCloseTo(1 / Math.sqrt(1.5), within(EXACT));
    assertThat(z[1]).isCloseTo(-2 / Math.sqrt(1.5), within(EXACT));
    assertThat(z[2]).isCloseTo(0, within(EXACT));
    assertThat(Advantages.zScore(new double[] {3, 3})).containsOnly(0.0);
  }

  @Test
  void gaeMatchesTheRecursionByHand() {
    // r = (0, 0, 1), V = (0.5, 0.6, 0.7), γ = 0.9, λ = 0.8
    // δ2 = 1 − 0.7 = 0.3;  δ1 = 0 + 0.9·0.7 − 0.6 = 0.03;  δ0 = 0 + 0.9·0.6 − 0.5 = 0.04
    // A2 = 0.3;  A1 = 0.03 + 0.72·0.3 = 0.246;  A0 = 0.04 + 0.72·0.246 = 0.21712
    Advantages.Gae gae =
        Advantages.gae(new double[] {0, 0, 1}, new double[] {0.5, 0.6, 0.7}, 0.9, 0.8);
    assertThat(gae.advantages()[2]).isCloseTo(0.3, within(EXACT));
    assertThat(gae.advantages()[1]).isCloseTo(0.246, within(EXACT));
    assertThat(gae.advantages()[0]).isCloseTo(0.21712, within(EXACT));
    assertThat(gae.returns()[0]).isCloseTo(0.71712, within(EXACT));
  }

  @Test
  void gaeWithLambdaOneAndGammaOneIsTheReturnMinusTheValue() {
    Advantages.Gae gae = Advantages.gae(new double[] {0, 0, 2}, new double[] {1, 1, 1}, 1, 1);
    assertThat(gae.advantages()).containsExactly(1.0, 1.0, 1.0);
    assertThat(gae.returns()).containsExactly(2.0, 2.0, 2.0);
  }

  @Test
  void klEstimatorsHaveTheirSigns() {
    // log π = −1, log π_ref = −2: k1 = 1; d = −1, k3 = e^−1 + 1 − 1 = 0.367879
    assertThat(KlEstimators.k1(-1, -2)).isCloseTo(1.0, within(EXACT));
    assertThat(KlEstimators.k3(-1, -2)).isCloseTo(Math.exp(-1), within(EXACT));
    assertThat(KlEstimators.k1(-2, -1)).isCloseTo(-1.0, within(EXACT));
    assertThat(KlEstimators.k3(-2, -1)).isCloseTo(Math.E - 2, within(EXACT)); // e^1 − 1 − 1
    assertThat(KlEstimators.k3(-1, -1)).isZero();
    assertThat(KlEstimators.k3(-30, 0)).isEqualTo(KlEstimators.K3_CLAMP);
  }
}
