package dev.brevity.sft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.task.Traces.Framing;
import org.junit.jupiter.api.Test;

class SftConfigTest {

  @Test
  void aConfigSavedBeforeDirectTracesExistedReadsAsNeverDirect() {
    // The second stage's config as models/reference/trainer_state.json stores it.
    String saved =
        "{\"hidden\":128,\"layers\":4,\"heads\":4,\"intermediate\":352,\"maxPositions\":1024,"
            + "\"perLevel\":5000,\"steps\":400,\"batchSize\":16,\"learningRate\":3.0E-4,"
            + "\"minLearningRate\":3.0E-5,\"warmupSteps\":20,\"gradClip\":1.0,\"seed\":2,"
            + "\"checkpointEvery\":100,"
            + "\"framing\":{\"restatement\":0.75,\"plan\":0.75,\"confirmation\":0.7},"
            + "\"batchesByLength\":false}";

    assertThat(SftConfig.fromJson(saved)).isEqualTo(SftConfig.framingStage());
    assertThat(SftConfig.fromJson(saved).framing().direct()).isZero();
  }

  @Test
  void theThirdStageSendsEveryTraceWithoutAnOpeningDirect() {
    SftConfig direct = SftConfig.directStage();

    assertThat(direct.framing()).isEqualTo(new Framing(0.75, 0.75, 0.7, 1));
    assertThat(SftConfig.fromJson(direct.toJson())).isEqualTo(direct);
  }
}
