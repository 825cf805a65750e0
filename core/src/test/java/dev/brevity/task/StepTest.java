package dev.brevity.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "7   | 5   | 7+5=12.",
        "12  | -9  | 12-9=3.",
        "27  | 15  | 27+15: 7+5=12, 2+1+1=4, so 42.",
        "42  | -15 | 42-15: 12-5=7, 4-1-1=2, so 27.",
        "30  | -7  | 30-7: 10-7=3, 3-1=2, so 23.",
        "15  | 3   | 15+3: 5+3=8, so 18.",
        "15  | -3  | 15-3: 5-3=2, so 12.",
        "42  | -35 | 42-35: 12-5=7, 4-3-1=0, so 7.",
        "5   | -9  | 5-9: 9-5=4, so -4.",
        "-4  | 7   | -4+7: 7-4=3, so 3.",
        "-9  | 4   | -9+4: 9-4=5, so -5.",
        "-4  | -3  | -4-3: 4+3=7, so -7.",
        "-27 | -15 | -27-15: 7+5=12, 2+1+1=4, so -42.",
        "8   | -30 | 8-30: 10-8=2, 3-1=2, so -22.",
      })
  void minimalTextUsesSingleDigitFacts(int before, int operand, String expected) {
    assertThat(new Step(before, operand).minimalText()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"12 | -9 | 3+9=12", "-4 | 7 | 3-7=-4"})
  void inverseFactChecksTheResult(int before, int operand, String expected) {
    assertThat(new Step(before, operand).inverseFact()).isEqualTo(expected);
  }
}
