package dev.brevity.train;

import static dev.brevity.train.TrainFixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.run.RunPlan;
import dev.brevity.train.RunDriver.Milestone;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDriverTest {

  private static Rollout rollout(Request r, int index, long version, double reward, int length) {
    return new Rollout(
        r.requestId() + "/" + index,
        r.requestId(),
        r.problem().id(),
        r.problem().difficulty(),
        index,
        version,
        r.stage(),
        r.reference(),
        new int[] {1, 2},
        new int[length],
        new float[length],
        true,
        reward,
        reward > 0);
  }

  /** A driver of run "r" over {@link #POOL}, from the initial state of {@code method}'s plan. */
  private static RunDriver freshDriver(String method, String yaml) {
    RunPlan plan = RunPlan.parse(method, yaml);
    return new RunDriver("r", plan, POOL, RunDriver.initialState(plan));
  }

  private static List<Rollout> answer(List<Request> requests, long version) {
    List<Rollout> out = new ArrayList<>();
    for (Request r : requests) {
      for (int i = 0; i < r.samples(); i++) {
        out.add(rollout(r, i, version, i % 2, 10 + i));
      }
    }
    return out;
  }

  @Test
  void synchronousRunTrainsEachBatchAtTheVersionThatSampledItAndEndsStagesOnTime() {
    RunDriver driver =
        freshDriver(
            "thinkprune",
            "reward: [thinkprune(limit=64), thinkprune(limit=32)]\n"
                + "prompts-per-step: 2\nsamples: 2\nsteps-per-stage: 2\n");
    List<Request> requests = driver.start();
    assertThat(requests).hasSize(2);
    assertThat(requests).allSatisfy(r -> assertThat(r.maxNewTokens()).isEqualTo(64));
    List<Milestone> milestones = new ArrayList<>();
    List<DecidedFate> fates = new ArrayList<>();
    for (int update = 0; update < 4; update++) {
      long version = driver.state().version();
      List<Rollout> rollouts = answer(requests, version);
      // half a batch is not enough
      driver.offer(rollouts.get(0));
      assertThat(driver.work()).isEmpty();
      rollouts.forEach(driver::offer);
      Work.Update work = (Work.Update) driver.work().orElseThrow();
      assertThat(work.rollouts()).hasSize(4);
      assertThat(work.advantage()).isEqualTo(Work.Advantage.GROUP);
      RunDriver.Outcome outcome = driver.complete(work);
      assertThat(outcome.publishedVersion()).isEqualTo(version + 1);
      assertThat(outcome.parentVersion()).isEqualTo(version);
      fates.addAll(outcome.fates());
      milestones.addAll(outcome.milestones());
      requests = outcome.requests();
      if (update == 1) {
        assertThat(requests).allSatisfy(r -> assertThat(r.maxNewTokens()).isEqualTo(32));
        assertThat(requests).allSatisfy(r -> assertThat(r.stage()).isEqualTo(1));
      }
    }
    assertThat(milestones)
        .containsExactly(Milestone.STAGE_COMPLETED, Milestone.STAGE_COMPLETED, Milestone.SUCCEEDED);
    assertThat(requests).isEmpty();
    assertThat(fates)
        .hasSize(16)
        .allSatisfy(f -> assertThat(f.kind()).isEqualTo(DecidedFate.Kind.TRAINED));
    assertThat(fates.stream().map(DecidedFate::traceId)).doesNotHaveDuplicates();
    assertThat(fates)
        .allSatisfy(f -> assertThat(f.trainedAtVersion()).isEqualTo(f.policyVersion()));
    assertThat(driver.state().finalVersion()).isEqualTo(4);
  }

  @Test
  void oneStepOffPolicyKeepsTwoBatchesInFlightAndTrainsWithinTheBound() {
    RunDriver driver =
        freshDriver(
            "grpo",
            "reward: correctness\nprompts-per-step: 1\nsamples: 2\nsteps-per-stage: 4\n"
                + "max-staleness: 1\n");
    List<Request> inFlight = new ArrayList<>(driver.start());
    assertThat(inFlight).hasSize(2).allSatisfy(r -> assertThat(r.policyVersion()).isZero());
    List<Long> sampledAt = new ArrayList<>();
    for (int update = 0; update < 4; update++) {
      Request oldest = inFlight.remove(0);
      sampledAt.add(oldest.policyVersion());
      List<Rollout> rollouts = answer(List.of(oldest), oldest.policyVersion());
      rollouts.forEach(driver::offer);
      RunDriver.Outcome outcome = driver.complete(driver.work().orElseThrow());
      assertThat(outcome.fates())
          .allSatisfy(f -> assertThat(f.trainedAtVersion() - f.policyVersion()).isBetween(0L, 1L));
      inFlight.addAll(outcome.requests());
    }
    assertThat(sampledAt).containsExactly(0L, 0L, 1L, 2L);
  }

  @Test
  void aRolloutBeyondTheStalenessBoundIsStaleNotTrained() {
    Request request =
        new Request("r/s0/b0/0", POOL.problems().get(0), 0, 2, 0, false, 1, 1, 8, 1, 0);
    List<Rollout> rollouts = List.of(rollout(request, 0, 3, 1, 5), rollout(request, 1, 1, 0, 5));
    List<DecidedFate> stale = RunDriver.staleOf(rollouts, 3, 1);
    assertThat(stale).hasSize(1);
    assertThat(stale.get(0).traceId()).isEqualTo("r/s0/b0/0/1");
    assertThat(stale.get(0).kind()).isEqualTo(DecidedFate.Kind.STALE);
    assertThat(stale.get(0).reason()).contains("sampled at version 1").contains("max-staleness 1");
  }

  @Test
  void aDuplicateOfATrainedTraceIsNotHeldAgain() {
    RunDriver driver =
        freshDriver(
            "grpo", "reward: correctness\nprompts-per-step: 1\nsamples: 1\nsteps-per-stage: 3\n");
    List<Rollout> first = answer(driver.start(), 0);
    assertThat(driver.offer(first.get(0))).isTrue();
    assertThat(driver.offer(first.get(0))).as("held already").isFalse();
    driver.complete(driver.work().orElseThrow());
    assertThat(driver.offer(first.get(0))).isFalse();
  }

  @Test
  void aRestoredStateRecognisesItsInFlightRequests() {
    RunPlan plan =
        RunPlan.parse(
            "grpo", "reward: correctness\nprompts-per-step: 2\nsamples: 1\nsteps-per-stage: 3\n");
    RunDriver driver = new RunDriver("r", plan, POOL, RunDriver.initialState(plan));
    List<Request> requests = driver.start();
    EngineState restored = EngineState.fromJson(driver.state().toJson());
    RunDriver again = new RunDriver("r", plan, POOL, restored);
    answer(requests, 0).forEach(r -> assertThat(again.offer(r)).isTrue());
    assertThat(again.work()).isPresent();
  }

  @Test
  void shortestWithinRuleTakesTheShortestVersionThatKeptAccuracy() {
    RunPlan plan =
        RunPlan.parse(
            "thinkprune",
            "reward: [thinkprune(limit=64)]\ncheckpoint-rule: shortest-within\naccuracy-drop: 0.1\n");
    EngineState state = RunDriver.initialState(plan);
    state.version = 4;
    state.history.add(new EngineState.VersionStats(0, 0, 0.80, 100));
    state.history.add(new EngineState.VersionStats(1, 0, 0.75, 80)); // within 10 % of 0.80
    state.history.add(new EngineState.VersionStats(2, 0, 0.60, 50)); // too inaccurate
    state.history.add(new EngineState.VersionStats(3, 0, 0.78, 90));
    assertThat(new RunDriver("r", plan, POOL, state).chooseCheckpoint()).isEqualTo(1);
  }

  @Test
  void offlineRunSamplesTheReferenceThenTrainsEpochsAndFatesEverySampleAtTheEnd() {
    RunDriver driver =
        freshDriver(
            "o1-pruner",
            "reward: o1-pruner(lambda=2)\nreference-samples: 4\nbatch-size: 3\nepochs: 2\n");
    List<Request> requests = driver.start();
    assertThat(requests).hasSize(5).allSatisfy(r -> assertThat(r.reference()).isTrue());
    assertThat(requests).allSatisfy(r -> assertThat(r.temperature()).isEqualTo(0.5));
    List<Rollout> samples = answer(requests, 0);
    samples.subList(0, 19).forEach(driver::offer);
    assertThat(driver.work()).isEmpty();
    driver.offer(samples.get(19));
    // 5 problems × 2 rows = 10 rows; batches of 3 → 4 updates per epoch, 2 epochs
    assertThat(driver.offlineUpdates()).isEqualTo(8);
    List<DecidedFate> fates = new ArrayList<>();
    for (int update = 0; update < 8; update++) {
      Work.Update work = (Work.Update) driver.work().orElseThrow();
      assertThat(work.objective()).isEqualTo(Work.Objective.SEQUENCE_CLIP_VS_REFERENCE);
      assertThat(work.given()).hasSameSizeAs(work.rollouts().toArray());
      RunDriver.Outcome outcome = driver.complete(work);
      fates.addAll(outcome.fates());
      if (update < 7) {
        assertThat(outcome.fates()).isEmpty();
      }
    }
    assertThat(driver.work()).isEmpty();
    assertThat(fates).hasSize(20);
    assertThat(fates.stream().map(DecidedFate::traceId)).doesNotHaveDuplicates();
    assertThat(fates.stream().filter(f -> f.kind() == DecidedFate.Kind.TRAINED)).hasSize(10);
    assertThat(fates.stream().filter(f -> f.kind() == DecidedFate.Kind.TRAINED))
        .allSatisfy(f -> assertThat(f.trainedAtVersion()).isBetween(4L, 7L));
    assertThat(driver.state().finalVersion()).isEqualTo(8);
  }
}
