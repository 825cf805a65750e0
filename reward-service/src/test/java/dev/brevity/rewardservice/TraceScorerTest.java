package dev.brevity.rewardservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceScorerTest {

  private static final Instant NOW = Instant.ofEpochMilli(1_767_225_600_000L);
  private final TraceScorer scorer = new TraceScorer("correctness");

  @Test
  void scoresAFinishedRightTraceOne() {
    Trace trace = SampleEvents.trace("run-1", "r/0", "3 + 8 = 11 \\boxed{11}", FinishReason.EOS);

    ScoredTrace scored = scorer.score(trace, NOW);

    assertThat(scored.getReward()).isEqualTo(1.0);
    assertThat(scored.getComponents()).containsEntry("correctness", 1.0);
    assertThat(scored.getLength()).isEqualTo(6);
    assertThat(scored.getPolicyVersion()).isEqualTo(trace.getPolicyVersion());
    assertThat(scored.getRewardVersion()).isEqualTo("correctness@2");
  }

  @Test
  void sameTraceSameScore() {
    Trace trace = SampleEvents.trace("run-1", "r/0", "\\boxed{12}", FinishReason.EOS);

    assertThat(scorer.score(trace, NOW).getReward()).isZero();
    assertThat(scorer.score(trace, NOW).getReward())
        .isEqualTo(scorer.score(trace, NOW).getReward());
  }

  @Test
  void unknownSpecNamesTheKeyAndTheValidSpecs() {
    assertThatThrownBy(() -> new TraceScorer("shortest-wins"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("brevity.reward.spec: unknown reward 'shortest-wins'; valid: correctness");
  }
}
