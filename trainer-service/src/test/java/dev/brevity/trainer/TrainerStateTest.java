package dev.brevity.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.run.RunPlan;
import dev.brevity.train.EngineState;
import dev.brevity.train.RunDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerStateTest {

  private static final RunPlan PLAN =
      RunPlan.parse("grpo", "reward: correctness\nper-level: 1\nsteps-per-stage: 2\n");

  @Test
  void theRunStateAndTheSettledRecordsTravelTogether() {
    EngineState run = RunDriver.initialState(PLAN);
    run.optimizerSteps(7);
    String json = new TrainerState(run, List.of("t-0@2", "t-1@9")).toJson();

    TrainerState back = TrainerState.fromJson(json);

    assertThat(back.settledAhead()).containsExactly("t-0@2", "t-1@9");
    assertThat(back.run().toJson()).isEqualTo(run.toJson());
    assertThat(EngineState.fromJson(json).optimizerSteps()).isEqualTo(7);
  }

  @Test
  void aStateWithoutSettledRecordsHasNone() {
    EngineState run = RunDriver.initialState(PLAN);

    assertThat(TrainerState.fromJson(run.toJson()).settledAhead()).isEmpty();
  }

  @Test
  void textThatIsNoStateIsRefused() {
    assertThatThrownBy(() -> TrainerState.fromJson("[1, 2"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
