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
  void noRewardKeyMeansNoSpec() {
    assertThat(RunConfigs.rewardSpec("method: o1-pruner\n")).isEmpty();
    assertThat(RunConfigs.rewardSpec("")).isEmpty();
  }

  @Test
  void malformedYamlAndNonTextRewardsAreErrors() {
    assertThatThrownBy(() -> RunConfigs.rewardSpec("reward: [unclosed"))
        .hasMessageContaining("malformed run configuration");
    assertThatThrownBy(() -> RunConfigs.rewardSpec("reward:\n  name: kimi\n"))
        .hasMessageContaining("must be a reward spec string");
  }
}
