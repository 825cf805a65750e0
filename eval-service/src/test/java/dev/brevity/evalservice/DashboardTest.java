package dev.brevity.evalservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.evalservice.DashboardViews.Histogram;
import dev.brevity.evalservice.DashboardViews.InspectedProblem;
import dev.brevity.evalservice.DashboardViews.ProblemEntry;
import dev.brevity.evalservice.DashboardViews.Replay;
import dev.brevity.evalservice.DashboardViews.RunDetail;
import dev.brevity.evalservice.DashboardViews.RunSummary;
import dev.brevity.evalservice.DashboardViews.TracePoint;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.Fate;
import dev.brevity.events.FinishReason;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardTest {

  private final Dashboard dashboard = new Dashboard(new Dashboard.Limits(100, 100, 2));

  @Test
  void summarisesARunAgainstItsReference() {
    dashboard.accept(requested("run-1", 1000));
    dashboard.accept(requested("run-2", 2000));
    dashboard.accept(status("run-1", RunState.RUNNING, 2L));
    dashboard.accept(SampleEvents.evalCompleted("run-1", 2, 0.80, 150.0));
    dashboard.accept(SampleEvents.evalCompleted("run-1", 0, 0.90, 200.0));
    EvalCompleted budget = SampleEvents.evalCompleted("run-1", 0, 0.30, 100.0);
    budget.setTokenBudget(90);
    dashboard.accept(budget);
    long before = dashboard.revision();
    dashboard.accept(SampleEvents.evalCompleted("run-1", 1, 0.85, 180.0));

    assertThat(dashboard.revision()).isGreaterThan(before);
    assertThat(dashboard.runs()).extracting(RunSummary::runId).containsExactly("run-2", "run-1");
    RunSummary run = dashboard.runs().get(1);
    assertThat(run.method()).isEqualTo("thinkprune");
    assertThat(run.state()).isEqualTo("RUNNING");
    assertThat(run.policyVersion()).isEqualTo(2);
    assertThat(run.accuracy()).isEqualTo(0.80); // the newest version's greedy evaluation
    assertThat(run.lengthChangePct()).isEqualTo(-25.0); // 150 against the reference's 200
    assertThat(run.evaluations()).isEqualTo(3); // budget forcing is not a version's evaluation
    // by version; at version 0 the free reference first, then budget forcing
    assertThat(dashboard.evals("run-1"))
        .extracting(e -> e.policyVersion() + "/" + e.tokenBudget())
        .containsExactly("0/null", "0/90", "1/null", "2/null");
  }

  @Test
  void countsFatesAndBinsTheOldestAndNewestVersionsTraces() {
    dashboard.accept(fate("run-1", Fate.TRAINED));
    dashboard.accept(fate("run-1", Fate.TRAINED));
    dashboard.accept(fate("run-1", Fate.STALE));
    dashboard.accept(scored("run-1", "p-1", 0, 10, 1.0));
    dashboard.accept(scored("run-1", "p-1", 3, 30, 0.0));
    dashboard.accept(scored("run-1", "p-1", 2, 20, 0.5));

    RunDetail detail = dashboard.detail("run-1").orElseThrow();
    assertThat(detail.fates()).isEqualTo(Map.of("TRAINED", 2L, "STALE", 1L));
    assertThat(detail.tracesSeen()).isEqualTo(3);
    Histogram lengths = detail.lengths();
    assertThat(lengths.series()).containsExactly("v0", "v3");
    assertThat(lengths.start()).isEqualTo(10.0);
    assertThat(lengths.width()).isEqualTo(1.0); // (30 − 10) / 20 bins
    assertThat(lengths.counts().get(0)[0]).isEqualTo(1); // length 10 in the first bin
    assertThat(lengths.counts().get(1)[19]).isEqualTo(1); // length 30 in the last
    assertThat(detail.throughput()).hasSize(1);
    assertThat(detail.throughput().get(0).traces()).isEqualTo(3);
  }

  @Test
  void inspectsTheReferenceTraceBesideTheNewestVersionsUpToItsLimit() {
    dashboard.accept(scored("run-1", "p-1", 0, 10, 1.0));
    dashboard.accept(scored("run-1", "p-1", 2, 8, 1.0));
    dashboard.accept(scored("run-1", "p-1", 1, 9, 1.0)); // older than the newest: ignored
    dashboard.accept(scored("run-1", "p-2", 1, 9, 1.0));
    dashboard.accept(scored("run-1", "p-3", 1, 9, 1.0)); // beyond 2 problems: not inspected

    List<ProblemEntry> problems = dashboard.problems("run-1");
    assertThat(problems).extracting(ProblemEntry::problemId).containsExactly("p-1", "p-2");
    assertThat(problems).extracting(ProblemEntry::hasReference).containsExactly(true, false);
    assertThat(problems).extracting(ProblemEntry::latestVersion).containsExactly(2L, 1L);
    InspectedProblem first = dashboard.problem("run-1", "p-1").orElseThrow();
    assertThat(first.reference().policyVersion()).isZero();
    assertThat(first.latest().policyVersion()).isEqualTo(2);
    assertThat(first.latest().length()).isEqualTo(8);
    assertThat(dashboard.problem("run-1", "p-3")).isEmpty();
  }

  @Test
  void showsReplayedRewardsApartFromTheRunsOwnScores() {
    dashboard.accept(scored("run-1", "p-1", 1, 10, 1.0));
    dashboard.accept(scored("run-1", "p-2", 1, 30, 0.0));
    ScoredTrace replayed = scored("run-1", "p-1", 1, 10, 2.0);
    replayed.setRewardVersion("o1-pruner(lambda=2.0)@1");
    dashboard.acceptReplayed(replayed);
    dashboard.acceptReplayed(replayed); // published twice: one trace
    ScoredTrace other = scored("run-1", "p-2", 1, 30, -2.0);
    other.setRewardVersion("o1-pruner(lambda=2.0)@1");
    dashboard.acceptReplayed(other);

    RunDetail detail = dashboard.detail("run-1").orElseThrow();
    assertThat(detail.tracesSeen()).as("replays are not the run's traces").isEqualTo(2);
    assertThat(detail.rewards().counts().stream().mapToInt(c -> java.util.Arrays.stream(c).sum()))
        .containsExactly(2);
    assertThat(detail.replays())
        .containsExactly(
            new Replay("o1-pruner(lambda=2.0)@1", 2, 0.0, 0.5)); // (2 − 2)/2, (1 + 0)/2
  }

  @Test
  void anEmptyHistogramHasNoSeries() {
    Histogram empty = Dashboard.histogram(List.of(), TracePoint::reward);
    assertThat(empty.series()).isEmpty();
    assertThat(dashboard.detail("nobody")).isEmpty();
  }

  private static RunRequested requested(String runId, long at) {
    return RunRequested.newBuilder(
            SampleEvents.runRequested(runId, "thinkprune", "reward: thinkprune(limit=10)\n"))
        .setOccurredAt(Instant.ofEpochMilli(at))
        .build();
  }

  private static RunStatus status(String runId, RunState state, Long version) {
    return RunStatus.newBuilder()
        .setEventId("s-" + runId)
        .setRunId(runId)
        .setOccurredAt(Instant.ofEpochMilli(5000))
        .setState(state)
        .setPolicyVersion(version)
        .setStage(1)
        .setMessage(null)
        .setTrainerState(null)
        .build();
  }

  private static TraceFate fate(String runId, Fate kind) {
    return TraceFate.newBuilder()
        .setEventId("f")
        .setRunId(runId)
        .setOccurredAt(Instant.ofEpochMilli(5000))
        .setTraceId("t")
        .setPolicyVersion(1)
        .setFate(kind)
        .setTrainedAtVersion(null)
        .setReason(null)
        .build();
  }

  private static ScoredTrace scored(
      String runId, String problemId, long version, int length, double reward) {
    Trace trace = SampleEvents.trace(runId, problemId + "/v" + version, "a b c", FinishReason.EOS);
    trace.setPolicyVersion(version);
    trace.setProblem(SampleEvents.problem(problemId));
    return ScoredTrace.newBuilder()
        .setEventId("st")
        .setRunId(runId)
        .setOccurredAt(Instant.ofEpochMilli(60_000 + version))
        .setTraceId(trace.getTraceId())
        .setPolicyVersion(version)
        .setTrace(trace)
        .setCorrect(reward > 0)
        .setLength(length)
        .setReward(reward)
        .setComponents(Map.of())
        .setRewardSpec("thinkprune(limit=10)")
        .setRewardVersion("1")
        .build();
  }
}
