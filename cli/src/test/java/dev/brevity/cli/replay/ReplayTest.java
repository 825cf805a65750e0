package dev.brevity.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.cli.replay.Replay.ReplayedTrace;
import dev.brevity.cli.replay.Replay.Result;
import dev.brevity.cli.replay.RunHistory.OriginalScore;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.RunRequested;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.Rewards;
import dev.brevity.scoring.TraceScorer;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replays of a small history whose rewards are computed by hand in the comments.
 *
 * <p>Run {@code reward: thinkprune(limit=8)} (1 when right and finished within 8 tokens, else 0):
 *
 * <ul>
 *   <li>request qA (K=3, problem p-qA, version 1): 4 tokens right, 10 right, 6 wrong → 1, 0, 0;
 *   <li>request qB (K=2, problem p-qB, version 2): 5 right, 12 wrong → 1, 0;
 *   <li>request qC (K=2, version 1): only sample 0 in the log — an incomplete group.
 * </ul>
 *
 * Reference statistics: p-qA L̄_ref = 8, Ā_ref = 0.5; p-qB L̄_ref = 10, Ā_ref = 1. O1-Pruner (λ =
 * 2), R = clip(L̄_ref/L − 1 + 2·(A − Ā_ref), −2, 4):
 *
 * <ul>
 *   <li>qA/0: 8/4 − 1 + 2·(1 − 0.5) = 2; qA/1: 8/10 − 1 + 1 = 0.8; qA/2: 8/6 − 1 − 1 = −2/3;
 *   <li>qB/0: 10/5 − 1 + 2·0 = 1 (unchanged); qB/1: 10/12 − 1 − 2 = −2.1667 → clipped to −2.
 * </ul>
 */
class ReplayTest {

  private static final Instant NOW = Instant.ofEpochMilli(1_767_225_600_000L);
  private static final String RUN = "run-replay";

  private final List<Trace> qA =
      SampleEvents.group(RUN, "qA", RolloutPurpose.TRAINING, 4, true, 10, true, 6, false);
  private final List<Trace> qB =
      SampleEvents.group(RUN, "qB", RolloutPurpose.TRAINING, 5, true, 12, false).stream()
          .map(t -> Trace.newBuilder(t).setPolicyVersion(2).build())
          .toList();
  private final List<Trace> qC =
      SampleEvents.group(RUN, "qC", RolloutPurpose.TRAINING, 3, true, 3, true);

  private static RunRequested run(String configYaml) {
    return SampleEvents.runRequested(RUN, "thinkprune", configYaml);
  }

  private static ReferenceStats stats(String problemId, double meanLength, double meanAccuracy) {
    return SampleEvents.referenceStats(RUN, problemId, meanLength, meanAccuracy, List.of());
  }

  /** The history as the reward-service left it: every complete group scored with the run's spec. */
  private RunHistory history() {
    List<Trace> traces = new ArrayList<>();
    traces.addAll(qA);
    traces.add(qC.get(0));
    traces.addAll(qB);
    Map<String, List<OriginalScore>> scores = new HashMap<>();
    for (List<Trace> group : List.of(qA, qB)) {
      for (ScoredTrace scored :
          TraceScorer.score(group, Rewards.of("thinkprune(limit=8)"), null, NOW)) {
        scores.put(scored.getTraceId(), new ArrayList<>(List.of(OriginalScore.of(scored))));
      }
    }
    return new RunHistory(
        run("method: thinkprune\nreward: thinkprune(limit=8)\n"),
        traces,
        Map.of("p-qA", stats("p-qA", 8, 0.5), "p-qB", stats("p-qB", 10, 1.0)),
        scores,
        0);
  }

  private static Map<String, Double> after(Result result) {
    return result.compared().stream()
        .collect(Collectors.toMap(ReplayedTrace::traceId, ReplayedTrace::after));
  }

  @Test
  void theRunsOwnSpecReproducesEveryOriginalScore() {
    Result result = Replay.run(history(), null, VersionRange.ALL, 0, NOW);

    assertThat(result.compared()).hasSize(5);
    assertThat(result.compared())
        .extracting(ReplayedTrace::before)
        .containsExactly(1.0, 0.0, 0.0, 1.0, 0.0);
    assertThat(ReplayDiff.of(result.compared(), 10).changed()).isZero();
    assertThat(result.rewardVersions()).containsExactly("thinkprune(limit=8,lenient=false)@1.v3");
    assertThat(result.skipped().incompleteGroups()).isEqualTo(1);
    assertThat(result.skipped().incompleteGroupTraces()).isEqualTo(1);
    assertThat(result.groups()).isEqualTo(2);
  }

  @Test
  void o1PrunerAgainstTheStoredReferenceStatisticsGivesTheHandComputedRewards() {
    Result result =
        Replay.run(history(), Rewards.of("o1-pruner(lambda=2)"), VersionRange.ALL, 0, NOW);

    Map<String, Double> after = after(result);
    assertThat(after.get("qA/0")).isCloseTo(2.0, within(1e-12));
    assertThat(after.get("qA/1")).isCloseTo(0.8, within(1e-12));
    assertThat(after.get("qA/2")).isCloseTo(-2.0 / 3, within(1e-12));
    assertThat(after.get("qB/0")).isEqualTo(1.0);
    assertThat(after.get("qB/1")).isEqualTo(-2.0);
    ReplayDiff diff = ReplayDiff.of(result.compared(), 2);
    // before (1, 0, 0, 1, 0): mean 0.4; after sum 2 + 0.8 − 2/3 + 1 − 2 = 17/15: mean 17/75
    assertThat(diff.meanBefore()).isEqualTo(0.4);
    assertThat(diff.meanAfter()).isCloseTo(17.0 / 75, within(1e-12));
    assertThat(diff.changed()).isEqualTo(4);
    // before ranks (4.5, 2, 2, 4.5, 2), after ranks (5, 3, 2, 4, 1): Σdx·dy = 7.5, Σdx² = 7.5,
    // Σdy² = 10, ρ = 7.5/√75 = √3/2
    assertThat(diff.spearman()).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
    // |Δ|: qB/1 2, qA/2 2/3, qA/0 1, qA/1 0.8
    assertThat(diff.top()).extracting(ReplayedTrace::traceId).containsExactly("qB/1", "qA/0");
    assertThat(result.rescored())
        .allSatisfy(
            s ->
                assertThat(s.getRewardVersion())
                    .isEqualTo("o1-pruner(lambda=2,lenient=true)@2.v3"));
  }

  @Test
  void versionsAndLimitSelectWholeGroups() {
    Result version2 = Replay.run(history(), null, VersionRange.parse("2.."), 0, NOW);
    assertThat(version2.compared())
        .extracting(ReplayedTrace::traceId)
        .containsExactly("qB/0", "qB/1");

    // a limit of 1 trace still takes the first whole group (K = 3), then stops
    Result limited = Replay.run(history(), null, VersionRange.ALL, 1, NOW);
    assertThat(limited.compared())
        .extracting(ReplayedTrace::traceId)
        .containsExactly("qA/0", "qA/1", "qA/2");
    assertThat(limited.groups()).isEqualTo(1);
  }

  @Test
  void aTraceScoredTwiceIsComparedWithItsScoreUnderTheRunsOwnSpec() {
    RunHistory history = history();
    // a later, other scoring of qA/1 (right answer: correctness 1; thinkprune gave it 0)
    history.scores().get("qA/1").add(new OriginalScore(1.0, "correctness", "correctness@2"));

    Result own = Replay.run(history, null, VersionRange.ALL, 0, NOW);
    assertThat(ReplayDiff.of(own.compared(), 10).changed()).isZero();
  }

  @Test
  void referenceSamplesAreScoredAgainstTheirOwnGroup() {
    // reference group of p-qR: 10 tokens right, 30 wrong → L̄_ref = 20, Ā_ref = 0.5;
    // 20/10 − 1 + 2·(1 − 0.5) = 2 and 20/30 − 1 + 2·(0 − 0.5) = −4/3
    List<Trace> reference =
        SampleEvents.group(RUN, "qR", RolloutPurpose.REFERENCE, 10, true, 30, false);
    Map<String, List<OriginalScore>> scores = new HashMap<>();
    for (ScoredTrace scored :
        TraceScorer.scoreGroup(reference, Rewards.of("correctness"), null, NOW).traces()) {
      scores.put(scored.getTraceId(), List.of(OriginalScore.of(scored)));
    }
    RunHistory history =
        new RunHistory(run("reward: correctness\n"), reference, Map.of(), scores, 0);

    Map<String, Double> after =
        after(Replay.run(history, Rewards.of("o1-pruner"), VersionRange.ALL, 0, NOW));

    assertThat(after.get("qR/0")).isCloseTo(2.0, within(1e-12));
    assertThat(after.get("qR/1")).isCloseTo(-4.0 / 3, within(1e-12));
  }

  @Test
  void tracesOfAProblemWithoutReferenceStatisticsAreSkippedWhenTheRewardNeedsThem() {
    RunHistory history = history();
    RunHistory withoutQb =
        new RunHistory(
            history.run(),
            history.traces(),
            Map.of("p-qA", history.referenceStats().get("p-qA")),
            history.scores(),
            0);

    Result result = Replay.run(withoutQb, Rewards.of("o1-pruner"), VersionRange.ALL, 0, NOW);

    assertThat(result.compared()).hasSize(3);
    assertThat(result.skipped().withoutReference()).isEqualTo(2);
    assertThat(result.skipped().traces()).isEqualTo(3);
  }

  @Test
  void anInvalidOwnSpecNamesTheRun() {
    RunHistory history = history();
    RunHistory broken =
        new RunHistory(
            run("reward: thinkprune(limit=oops)\n"),
            history.traces(),
            history.referenceStats(),
            history.scores(),
            0);

    assertThatThrownBy(() -> Replay.run(broken, null, VersionRange.ALL, 0, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("run " + RUN + ": ");
  }
}
