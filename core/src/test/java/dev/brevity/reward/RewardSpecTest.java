package dev.brevity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RewardSpecTest {

  @Test
  void versionIdsSpellEveryParameterCanonically() {
    assertThat(Rewards.of("o1-pruner").versionId()).isEqualTo("o1-pruner(lambda=2)@1.v3");
    assertThat(Rewards.of(" o1-pruner( lambda = 2.0 ) ").versionId())
        .isEqualTo("o1-pruner(lambda=2)@1.v3");
    assertThat(Rewards.of("o1-pruner(lambda=0.50)").versionId())
        .isEqualTo("o1-pruner(lambda=0.5)@1.v3");
    assertThat(Rewards.of("thinkprune(limit=256)").versionId())
        .isEqualTo("thinkprune(limit=256,lenient=false)@1.v3");
    assertThat(Rewards.of("dapo-overlong(cache=180, max=900)").versionId())
        .isEqualTo("dapo-overlong(max=900,cache=180,factor=1)@1.v3");
    assertThat(Rewards.of("l1-max(target=200)").versionId())
        .isEqualTo("l1-max(target=200,alpha=0.0003)@1.v3");
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
            "sigmoid-length(alpha=0.1)")) {
      assertThat(Rewards.names()).contains(RewardSpec.parse(spec).name());
      assertThat(Rewards.of(spec).versionId()).startsWith(RewardSpec.parse(spec).name());
    }
    assertThat(Rewards.names()).hasSize(8);
  }

  @Test
  void anUnknownRewardListsTheValidOnes() {
    assertThatThrownBy(() -> Rewards.of("shorter(please=1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown reward 'shorter'")
        .hasMessageContaining(
            "correctness, o1-pruner, thinkprune, kimi, l1-exact, l1-max, dapo-overlong, sigmoid-length");
  }

  @Test
  void anUnknownParameterListsTheRewardsParameters() {
    assertThatThrownBy(() -> Rewards.of("o1-pruner(alpha=2)"))
        .hasMessageContaining("unknown parameter 'alpha'")
        .hasMessageContaining("lambda (default 2)");
    assertThatThrownBy(() -> Rewards.of("correctness(strict=true)"))
        .hasMessageContaining("correctness takes no parameters");
  }

  @Test
  void aMissingOrIllTypedValueIsNamed() {
    assertThatThrownBy(() -> Rewards.of("thinkprune"))
        .hasMessageContaining("missing parameter 'limit'")
        .hasMessageContaining("limit (required)");
    assertThatThrownBy(() -> Rewards.of("thinkprune(limit=-5)"))
        .hasMessageContaining("limit=-5 is not a positive whole number");
    assertThatThrownBy(() -> Rewards.of("thinkprune(limit=256, lenient=yes)"))
        .hasMessageContaining("lenient=yes is not true or false");
    assertThatThrownBy(() -> Rewards.of("o1-pruner(lambda=two)"))
        .hasMessageContaining("lambda=two is not a number");
    assertThatThrownBy(() -> Rewards.of("dapo-overlong(max=100, cache=180)"))
        .hasMessageContaining("cache=180 must not exceed max=100");
  }

  @Test
  void malformedSpecsAreQuoted() {
    assertThatThrownBy(() -> Rewards.of("")).hasMessageContaining("empty reward spec");
    assertThatThrownBy(() -> Rewards.of("O1 Pruner"))
        .hasMessageContaining("malformed reward spec 'O1 Pruner'");
    assertThatThrownBy(() -> Rewards.of("kimi(weight)"))
        .hasMessageContaining("malformed parameter 'weight'");
    assertThatThrownBy(() -> Rewards.of("kimi(weight=1, weight=2)"))
        .hasMessageContaining("given twice");
  }
}
