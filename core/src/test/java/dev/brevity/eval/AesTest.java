package dev.brevity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AesTest {

  @Test
  void reproducesThePapersTable() {
    // Marco-o1-7B on MATH: baseline 73.8 / 1156; O1-Pruner 77.5 / 657 → 0.58 in Table 2
    assertThat(Aes.PAPER.of(73.8, 1156, 77.5, 657)).isCloseTo(0.58, within(0.005));
    // DPO on MATH: 71.8 / 761 prints 0.42: the table applies β even when accuracy drops
    assertThat(Aes.PAPER.tableRule(73.8, 1156, 71.8, 761)).isCloseTo(0.42, within(0.005));
    // the formula as written subtracts γ·|ΔAcc| there: 0.342 − 5·0.0271 = 0.21
    assertThat(Aes.PAPER.of(73.8, 1156, 71.8, 761)).isCloseTo(0.21, within(0.005));
  }
}
