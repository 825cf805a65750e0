package dev.brevity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunConfigsTest {

  @Test
  void readsTheRewardSpec() {
    assertThat(RunConfigs.rewardSpec("method: thinkprune\nreward: thinkprune(limit=256)\n"))
        .contains("thinkprune(limit=256)");
  }

  @Test
  void theMethodKeyIsRequired() {
    assertThat(RunConfigs.method("method: thinkprune\nreward: thinkprune(limit=256)\n"))
        .isEqualTo("thinkprune");
    assertThatThrownBy(() -> RunConfigs.method("reward: correctness\n"))
        .hasMessage("the 'method' key is required");
  }

  @Test
  void noRewardKeyMeansNoSpec() {
    assertThat(RunConfigs.rewardSpec("method: o1-pruner\n")).isEmpty();
    assertThat(RunConfigs.rewardSpec("")).isEmpty();
  }

  @Test
  void malformedYamlAndNonTextRewardsAreErrors() {
    assertThatThrownBy(() -> RunConfigs.rewardSpec("reward: [unclosed"))
        .hasMessageContaining("malformed run configuration");
    assertThatThrownBy(() -> RunConfigs.rewardSpec("reward:\n  name: kimi\n"))
        .hasMessageContaining("must be a reward spec");
    assertThatThrownBy(() -> RunConfigs.rewardSpec("reward: []\n"))
        .hasMessageContaining("or a list of specs");
  }

  @Test
  void aListGivesOneSpecPerStageAndTheLastForLaterStages() {
    String yaml = "reward: [thinkprune(limit=384), thinkprune(limit=256)]\n";
    assertThat(RunConfigs.rewardSpecs(yaml))
        .containsExactly("thinkprune(limit=384)", "thinkprune(limit=256)");
    assertThat(RunConfigs.rewardSpec(yaml, 0)).contains("thinkprune(limit=384)");
    assertThat(RunConfigs.rewardSpec(yaml, 1)).contains("thinkprune(limit=256)");
    assertThat(RunConfigs.rewardSpec(yaml, 5)).contains("thinkprune(limit=256)");
    assertThat(RunConfigs.rewardSpec("reward: kimi(weight=1)\n", 3)).contains("kimi(weight=1)");
  }
}
