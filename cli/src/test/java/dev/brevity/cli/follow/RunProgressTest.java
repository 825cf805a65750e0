package dev.brevity.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.testsupport.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress and the comparison, from hand-made events: what the demo and `brevity run` show. */
class RunProgressTest {

  private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
  private static final String O1 =
      """
      method: o1-pruner
      reward: o1-pruner(lambda=2)
      per-level: 2
      reference-samples: 2
      rows-per-problem: 2
      batch-size: 7
      epochs: 1
      """;

  @Test
  void barsCountReferenceProblemsUpdatesAndEvaluationsWithAnEta() {
    RunTracker tracker = new RunTracker();
    tracker.accept(SampleEvents.runRequested("o1", "o1-pruner", O1), T0);
    tracker.accept(status("o1", RunState.ACCEPTED), T0);
    for (int p = 0; p < 7; p++) { // half of the 14 problems in 70 s
      tracker.accept(
          SampleEvents.referenceStats("o1", "p" + p, 100, 1, List.of()),
          T0.plusSeconds(10 * (p + 1)));
    }
    RunTracker.Run run = tracker.get("o1").orElseThrow();
    assertThat(run.problems()).isEqualTo(14);
    assertThat(run.plannedUpdates()).isEqualTo(4); // 14 problems × 2 rows / 7 a batch × 1 epoch
    List<String> lines = new ProgressView(3).lines(tracker, List.of("o1"), T0.plusSeconds(70));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith("o1-pruner    reference  [############............]     7/14")
        .contains(" 50%")
        .endsWith("ETA 1m10s"); // 70 s for 7 problems, 7 to go
    assertThat(lines.get(1)).contains("0/4").doesNotContain("ETA");
    // every 3rd version and the result (v4): 2 evaluations
    assertThat(lines.get(2)).contains("0/2");
    assertThat(ProgressView.complete(run)).isFalse();
  }

  @Test
  void aRunIsCompleteOnceItsResultAndTheReferenceAreEvaluated() {
    RunTracker tracker = new RunTracker();
    tracker.accept(
        SampleEvents.runRequested(
            "tp", "thinkprune", "reward: [thinkprune(limit=9)]\nsteps-per-stage: 2\n"),
        T0);
    tracker.accept(checkpoint("tp", 1, null), T0.plusSeconds(1));
    tracker.accept(checkpoint("tp", 2, 1L), T0.plusSeconds(2)); // the run ended on v1
    tracker.accept(status("tp", RunState.SUCCEEDED), T0.plusSeconds(3));
    RunTracker.Run run = tracker.get("tp").orElseThrow();
    assertThat(run.resultVersion()).contains(1L);
    assertThat(new ProgressView(5).expectedEvaluations(run)).isEqualTo(1); // only the result
    assertThat(ProgressView.complete(run)).isFalse();
    tracker.accept(evaluation("tp", 2, null, 0.5, 90), T0.plusSeconds(4));
    assertThat(ProgressView.complete(run)).as("v2 is not the result").isFalse();
    tracker.accept(evaluation("tp", 1, null, 0.75, 80), T0.plusSeconds(5));
    assertThat(ProgressView.complete(run)).as("no reference yet").isFalse();
    tracker.accept(evaluation("tp", 0, null, 1.0, 100), T0.plusSeconds(6));
    assertThat(ProgressView.complete(run)).isTrue();
  }

  @Test
  void theComparisonTakesEachRunsResultAgainstTheReferenceAndItsBudgets() {
    RunTracker tracker = new RunTracker();
    tracker.accept(
        SampleEvents.runRequested("tp", "thinkprune", "reward: [thinkprune(limit=9)]\n"), T0);
    tracker.accept(status("tp", RunState.ACCEPTED), T0);
    tracker.accept(checkpoint("tp", 2, 1L), T0.plusSeconds(60));
    tracker.accept(status("tp", RunState.SUCCEEDED), T0.plusSeconds(90));
    tracker.accept(evaluation("tp", 0, null, 0.9, 300), T0);
    tracker.accept(evaluation("tp", 0, 100, 0.3, 110), T0);
    tracker.accept(evaluation("tp", 1, null, 0.8, 240), T0);
    tracker.accept(evaluation("tp", 2, null, 0.7, 200), T0);

    Comparison comparison = Comparison.of(tracker, List.of("tp"));
    assertThat(comparison.reference().accuracy()).isEqualTo(0.9);
    assertThat(comparison.reference().lengthChangePct()).isZero();
    assertThat(comparison.budgetForcing())
        .singleElement()
        .satisfies(
            b -> assertThat(b.lengthChangePct()).isCloseTo(100 * (110 - 300) / 300.0, within()));
    Comparison.RunResult result = comparison.runs().get(0);
    assertThat(result.resultVersion()).isEqualTo(1); // the run's result, not its last version
    assertThat(result.accuracy()).isEqualTo(0.8);
    assertThat(result.lengthChangePct()).isCloseTo(-20.0, within()); // 240 against 300
    assertThat(result.versions()).extracting(Comparison.Point::version).containsExactly(0L, 1L, 2L);
    assertThat(result.trainingSeconds()).isEqualTo(90.0);
    assertThat(result.perDifficulty())
        .extracting(Comparison.Level::difficulty)
        .containsExactly(1, 2);

    String table = ComparisonReport.table(comparison);
    assertThat(table).contains("budget forcing @100").contains("-20.0%");
    String html = ComparisonReport.html(comparison, "t", List.of());
    // the plot: the reference, one budget point, the run's three evaluated versions
    assertThat(count(html, "class=\"reference\"")).isEqualTo(1);
    assertThat(count(html, "class=\"budget\"")).isEqualTo(1);
    assertThat(count(html, "class=\"version\"")).isEqualTo(3);
    assertThat(html).doesNotContain("<script").doesNotContain("http://cdn");
  }

  @Test
  void withoutAnEvaluatedReferenceThereIsNoComparison() {
    RunTracker tracker = new RunTracker();
    tracker.accept(
        SampleEvents.runRequested("x", "thinkprune", "reward: [thinkprune(limit=9)]\n"), T0);
    assertThatThrownBy(() -> Comparison.of(tracker, List.of("x")))
        .hasMessageContaining("no evaluation of the reference");
  }

  @Test
  void durationsReadLikeAClock() {
    assertThat(ProgressView.format(Duration.ofSeconds(12))).isEqualTo("12s");
    assertThat(ProgressView.format(Duration.ofSeconds(245))).isEqualTo("4m05s");
    assertThat(ProgressView.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static RunStatus status(String runId, RunState state) {
    return RunStatus.newBuilder()
        .setEventId("e")
        .setRunId(runId)
        .setOccurredAt(T0)
        .setState(state)
        .build();
  }

  private static CheckpointPublished checkpoint(String runId, long version, Long result) {
    return CheckpointPublished.newBuilder()
        .setEventId("e")
        .setRunId(runId)
        .setOccurredAt(T0)
        .setPolicyVersion(version)
        .setUri("file:/c/v" + version)
        .setManifestSha256("0")
        .setStep(version)
        .setResultVersion(result)
        .setResultUri(result == null ? null : "file:/c/v" + result)
        .build();
  }

  private static EvalCompleted evaluation(
      String runId, long version, Integer budget, double accuracy, double length) {
    return EvalCompleted.newBuilder()
        .setEventId("e")
        .setRunId(runId)
        .setOccurredAt(T0)
        .setPolicyVersion(version)
        .setEvalSet("arith-eval:1-per-level:seed-1")
        .setProblems(2)
        .setAccuracy(accuracy)
        .setMeanLength(length)
        .setAes(version == 0 ? null : -0.5)
        .setTokenBudget(budget)
        .setPerDifficulty(
            List.of(
                new DifficultyResult(2, 1, accuracy, length),
                new DifficultyResult(1, 1, accuracy, length)))
        .build();
  }
}
