package dev.brevity.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunMethodTest {

  @Test
  void findsMethodsByConfigId() {
    assertThat(RunMethod.fromId("thinkprune")).isEqualTo(RunMethod.THINKPRUNE);
    assertThat(RunMethod.fromId("o1-pruner-online")).isEqualTo(RunMethod.O1_PRUNER_ONLINE);
  }

  @Test
  void unknownIdNamesTheValidOnes() {
    assertThatThrownBy(() -> RunMethod.fromId("prune-harder"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown method 'prune-harder'; valid methods: o1-pruner, o1-pruner-online,"
                + " thinkprune, grpo, ppo, sft-shortest, dpo");
  }
}
