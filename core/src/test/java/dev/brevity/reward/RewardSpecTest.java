package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RewardSpecTest {

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "o1-pruner | o1-pruner(lambda=2,lenient=true)@2.v3",
        "' o1-pruner( lambda = 2.0 ) ' | o1-pruner(lambda=2,lenient=true)@2.v3",
        "o1-pruner(lambda=0.50) | o1-pruner(lambda=0.5,lenient=true)@2.v3",
        "thinkprune(limit=256) | thinkprune(limit=256,lenient=false)@1.v3",
        "dapo-overlong(cache=180, max=900) | dapo-overlong(max=900,cache=180,factor=1)@1.v3",
        "l1-max(target=200) | l1-max(target=200,alpha=0.0003)@1.v3"
      })
  void versionIdsSpellEveryParameterCanonically(String spec, String versionId) {
    assertThat(Rewards.of(spec).versionId()).isEqualTo(versionId);
  }

  @Test
  void aRewardKeepsItsSpecAsWritten() {
    assertThat(Rewards.of("thinkprune(limit=256)").spec()).isEqualTo("thinkprune(limit=256)");
  }

  @Test
  void everyNamedRewardCanBeMadeFromItsDocumentedSpec() {
    for (String spec :
        List.of(
            "correctness",
            "o1-pruner(lambda=2)",
            "thinkprune(limit=256)",
            "kimi(weight=1)",
            "l1-exact(target=200)",
            "l1-max(target=200)",
            "dapo-overlong(max=900, cache=180)",
            "sigmoid-length(alpha=0.1)",
            "shorter-better(alpha=2, beta=0.001)",
            "alp(norm=512, beta=0.5)",
            "answer-position(weight=1)")) {
      assertThat(Rewards.names()).contains(RewardSpec.parse(spec).name());
      assertThat(Rewards.of(spec).versionId()).startsWith(RewardSpec.parse(spec).name());
    }
    assertThat(Rewards.names()).hasSize(11);
  }

  @Test
  void anUnknownRewardListsTheValidOnes() {
    assertThatThrownBy(() -> Rewards.of("shorter(please=1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown reward 'shorter'")
        .hasMessageContaining(
            "correctness, o1-pruner, thinkprune, kimi, l1-exact, l1-max, dapo-overlong,"
                + " sigmoid-length, shorter-better, alp, answer-position");
  }

  /**
   * Specs that are rejected, each with what its message must contain: an unknown parameter lists
   * the reward's parameters, a missing or ill-typed value is named, a malformed spec is quoted.
   */
  static Stream<Arguments> rejectedSpecs() {
    return Stream.of(
        // an unknown parameter
        Arguments.of(
            "o1-pruner(alpha=2)", List.of("unknown parameter 'alpha'", "lambda (default 2)")),
        Arguments.of("correctness(strict=true)", List.of("correctness takes no parameters")),
        // a missing or ill-typed value
        Arguments.of("thinkprune", List.of("missing parameter 'limit'", "limit (required)")),
        Arguments.of("thinkprune(limit=-5)", List.of("limit=-5 is not a positive whole number")),
        Arguments.of(
            "thinkprune(limit=256, lenient=yes)", List.of("lenient=yes is not true or false")),
        Arguments.of("o1-pruner(lambda=two)", List.of("lambda=two is not a number")),
        Arguments.of(
            "dapo-overlong(max=100, cache=180)", List.of("cache=180 must not exceed max=100")),
        // a malformed spec
        Arguments.of("", List.of("empty reward spec")),
        Arguments.of("O1 Pruner", List.of("malformed reward spec 'O1 Pruner'")),
        Arguments.of("kimi(weight)", List.of("malformed parameter 'weight'")),
        Arguments.of("kimi(weight=1, weight=2)", List.of("given twice")));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("rejectedSpecs")
  void aRejectedSpecSaysWhy(String spec, List<String> messageParts) {
    assertThatThrownBy(() -> Rewards.of(spec))
        .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
  }
}
