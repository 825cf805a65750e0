package dev.brevity.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReviewTest {

  private static final Instant NOW = Instant.ofEpochMilli(1_767_225_600_000L);

  @Test
  void acceptsAMethodItRuns() {
    RunStatus status =
        RunReview.accepting(List.of("thinkprune")).review(request("thinkprune"), NOW);

    assertThat(status.getState()).isEqualTo(RunState.ACCEPTED);
    assertThat(status.getRunId()).isEqualTo("run-1");
    assertThat(status.getOccurredAt()).isEqualTo(NOW);
  }

  @Test
  void rejectsAKnownMethodItDoesNotRun() {
    RunStatus status =
        RunReview.accepting(List.of("thinkprune", " o1-pruner"))
            .review(request("o1-pruner-online"), NOW);

    assertThat(status.getState()).isEqualTo(RunState.REJECTED);
    assertThat(status.getMessage())
        .isEqualTo("this trainer does not run 'o1-pruner-online'; it runs: o1-pruner, thinkprune");
  }

  @Test
  void badConfigNamesTheKeyAndTheValidMethods() {
    assertThatThrownBy(() -> RunReview.accepting(List.of("thinkprune", "shrink")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "brevity.trainer.methods: unknown method 'shrink'; valid methods: o1-pruner,"
                + " o1-pruner-online, thinkprune, grpo, ppo, sft-shortest, dpo");
  }

  @Test
  void rejectsABadConfigurationBeforeAnythingStarts() {
    assertThat(rejection("reward: [thinkprune(limit=64)]\nsteps-per-stage: -3\n"))
        .isEqualTo(
            "run configuration (thinkprune): 'steps-per-stage' is -3; it must be a whole number"
                + " from 1 to 1000000");
  }

  @Test
  void rejectsADataSetItCannotRead() {
    assertThat(rejection("reward: thinkprune(limit=64)\ndataset: /no/such/problems.jsonl\n"))
        .contains("/no/such/problems.jsonl");
  }

  @Test
  void statusHasAKeyOfItsOwn() {
    assertThat(RunReview.statusKey("run-1")).isEqualTo("run-1/status");
  }

  /** Asserts that a thinkprune run with {@code yaml} is REJECTED; returns the status message. */
  private static String rejection(String yaml) {
    RunRequested request =
        RunRequested.newBuilder(request("thinkprune")).setConfigYaml(yaml).build();
    RunStatus status = RunReview.accepting(List.of("thinkprune")).review(request, NOW);
    assertThat(status.getState()).isEqualTo(RunState.REJECTED);
    return status.getMessage();
  }

  private static RunRequested request(String method) {
    return SampleEvents.runRequested(
        "run-1", method, "method: " + method + "\nreward: thinkprune(limit=64)\n");
  }
}
