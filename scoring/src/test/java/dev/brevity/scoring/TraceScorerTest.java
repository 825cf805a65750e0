package dev.brevity.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceScorerTest {

  private static final Instant NOW = Instant.ofEpochMilli(1_767_225_600_000L);

  private static List<Trace> group(
      String runId, String requestId, RolloutPurpose purpose, Object... wordsAndRight) {
    return new ArrayList<>(SampleEvents.group(runId, requestId, purpose, wordsAndRight));
  }

  @Test
  void scoresAFinishedRightTraceOne() {
    Trace trace = SampleEvents.trace("run-1", "r/0", "3 + 8 = 11 \\boxed{11}", FinishReason.EOS);

    ScoredTrace scored =
        TraceScorer.score(List.of(trace), Rewards.of("correctness"), null, NOW).get(0);

    assertThat(scored.getReward()).isEqualTo(1.0);
    assertThat(scored.getComponents()).containsEntry("correctness", 1.0);
    assertThat(scored.getLength()).isEqualTo(6);
    assertThat(scored.getPolicyVersion()).isEqualTo(trace.getPolicyVersion());
    assertThat(scored.getRewardSpec()).isEqualTo("correctness");
    assertThat(scored.getRewardVersion()).isEqualTo("correctness@2.v3");
    assertThat(scored.getTrace()).isEqualTo(trace);
  }

  @Test
  void theSameSpecAppliedTwiceGivesTheIdenticalScore() {
    List<Trace> traces =
        group("run-1", "req-1", RolloutPurpose.TRAINING, 10, true, 20, false, 30, true);
    for (String spec : List.of("kimi", "sigmoid-length(alpha=0.2)", "thinkprune(limit=25)")) {
      List<ScoredTrace> first = TraceScorer.score(traces, Rewards.of(spec), null, NOW);
      List<ScoredTrace> again =
          TraceScorer.score(traces, Rewards.of(spec), null, NOW.plusSeconds(60));
      for (int i = 0; i < traces.size(); i++) {
        assertThat(again.get(i).getReward()).isEqualTo(first.get(i).getReward());
        assertThat(again.get(i).getComponents()).isEqualTo(first.get(i).getComponents());
        assertThat(again.get(i).getRewardVersion()).isEqualTo(first.get(i).getRewardVersion());
        assertThat(again.get(i).getEventId()).isEqualTo(first.get(i).getEventId());
      }
    }
    // another spec scores differently and gets another event id
    ScoredTrace kimi = TraceScorer.score(traces, Rewards.of("kimi"), null, NOW).get(0);
    ScoredTrace correctness =
        TraceScorer.score(traces, Rewards.of("correctness"), null, NOW).get(0);
    assertThat(kimi.getReward()).isEqualTo(1.5);
    assertThat(correctness.getReward()).isEqualTo(1.0);
    assertThat(kimi.getEventId()).isNotEqualTo(correctness.getEventId());
  }

  @Test
  void referenceGroupsGiveStatisticsThatO1PrunerScoresAgainst() {
    List<Trace> traces = group("run-1", "ref-1", RolloutPurpose.REFERENCE, 10, true, 30, false);

    ReferenceStats stats = TraceScorer.referenceStats(traces, NOW);
    assertThat(stats.getSamples()).isEqualTo(2);
    assertThat(stats.getMeanLength()).isEqualTo(20.0);
    assertThat(stats.getMeanAccuracy()).isEqualTo(0.5);
    assertThat(stats.getCorrectLengths()).containsExactly(10);
    assertThat(stats.getProblemId()).isEqualTo("p-ref-1");

    VersionedReward o1 = Rewards.of("o1-pruner(lambda=2)");
    List<ScoredTrace> scored = TraceScorer.score(traces, o1, TraceScorer.statistics(stats), NOW);
    // 20/10 − 1 + 2·(1 − 0.5) = 2;  20/30 − 1 + 2·(0 − 0.5) = −4/3
    assertThat(scored.get(0).getReward()).isCloseTo(2.0, within(1e-12));
    assertThat(scored.get(1).getReward()).isCloseTo(-4.0 / 3, within(1e-12));
    assertThat(scored.get(1).getRewardVersion()).isEqualTo("o1-pruner(lambda=2,lenient=true)@2.v3");
  }

  @Test
  void aGroupOfReferenceSamplesIsScoredAgainstItsOwnStatistics() {
    List<Trace> traces = group("run-1", "ref-2", RolloutPurpose.REFERENCE, 10, true, 30, false);
    VersionedReward o1 = Rewards.of("o1-pruner(lambda=2)");
    assertThat(TraceScorer.needsWholeGroup(traces.get(0), o1)).isTrue();

    TraceScorer.GroupScore result = TraceScorer.scoreGroup(traces, o1, null, NOW);

    assertThat(result.referenceStats().getMeanLength()).isEqualTo(20.0);
    // the same numbers as above: 20/10 − 1 + 2·(1 − 0.5) = 2;  20/30 − 1 + 2·(0 − 0.5) = −4/3
    assertThat(result.traces())
        .extracting(ScoredTrace::getTraceId)
        .containsExactly("ref-2/0", "ref-2/1");
    assertThat(result.traces().get(0).getReward()).isCloseTo(2.0, within(1e-12));
    assertThat(result.traces().get(1).getReward()).isCloseTo(-4.0 / 3, within(1e-12));
  }

  @Test
  void aRewardWithoutGroupScoresEachTraceAloneAndPublishesNoStatistics() {
    List<Trace> traces =
        group("run-1", "req-2", RolloutPurpose.TRAINING, 10, true, 30, true, 5, false);
    VersionedReward limit = Rewards.of("thinkprune(limit=20)");
    assertThat(TraceScorer.needsWholeGroup(traces.get(0), limit)).isFalse();
    assertThat(TraceScorer.needsWholeGroup(traces.get(0), Rewards.of("kimi"))).isTrue();

    TraceScorer.GroupScore result = TraceScorer.scoreGroup(traces, limit, null, NOW);

    assertThat(result.referenceStats()).isNull();
    // right within 20 tokens; right but 30 > 20; wrong
    assertThat(result.traces()).extracting(ScoredTrace::getReward).containsExactly(1.0, 0.0, 0.0);
  }
}
