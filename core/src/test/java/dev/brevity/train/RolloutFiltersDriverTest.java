package dev.brevity.train;

import static dev.brevity.train.TrainFixtures.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.run.RunPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dynamic sampling, overlong filtering and GFPO through the run driver: which rollouts an update
 * trains on, what is requested in their place, and that every trace keeps exactly one fate.
 */
class RolloutFiltersDriverTest {

  private static RunDriver driver(String yaml) {
    RunPlan plan = RunPlan.parse("grpo", "reward: correctness\nsteps-per-stage: 1\n" + yaml);
    return new RunDriver("r", plan, POOL, RunDriver.initialState(plan));
  }

  private static Rollout rollout(Request r, int index, double reward, int length, boolean done) {
    return new Rollout(
        Request.traceId(r.requestId(), index),
        r.requestId(),
        r.problem().id(),
        r.problem().difficulty(),
        index,
        r.policyVersion(),
        r.stage(),
        false,
        new int[] {1, 2},
        new int[length],
        new float[length],
        done,
        reward,
        reward > 0);
  }

  /** The request's samples with these rewards, 10 tokens each, finished. */
  private static List<Rollout> answer(Request request, double... rewards) {
    List<Rollout> out = new ArrayList<>();
    for (int i = 0; i < rewards.length; i++) {
      out.add(rollout(request, i, rewards[i], 10, true));
    }
    return out;
  }

  private static List<String> ids(List<Rollout> rollouts) {
    return rollouts.stream().map(Rollout::traceId).toList();
  }

  @Test
  void dynamicSamplingReplacesGroupsThatAgreeWithMorePromptsThenTrainsOnTheGroupsThatDiffer() {
    RunDriver driver =
        driver("prompts-per-step: 2\nsamples: 2\ndynamic-sampling: true\nmax-sampling-rounds: 3\n");
    List<Request> first = driver.start();
    assertThat(first).extracting(Request::requestId).containsExactly("r/s0/b0/0", "r/s0/b0/1");
    answer(first.get(0), 1, 0).forEach(driver::offer); // differs
    answer(first.get(1), 0, 0).forEach(driver::offer); // all wrong: no GRPO signal
    // 1 of 2 groups differed: the shortfall 1, scaled by 2 requested / 1 informative, is 2
    Work more = driver.work().orElseThrow();
    assertThat(more).isEqualTo(new Work.MoreSamples(0, 2));
    RunDriver.Outcome issued = driver.complete(more);
    assertThat(issued.publishedVersion()).isEqualTo(-1);
    assertThat(issued.fates()).isEmpty();
    List<Request> extra = issued.requests();
    assertThat(extra).extracting(Request::requestId).containsExactly("r/s0/b0/2", "r/s0/b0/3");
    assertThat(extra)
        .extracting(Request::seed)
        .containsExactly(RunDriver.seed(driver.plan(), 0, 2), RunDriver.seed(driver.plan(), 0, 3));
    assertThat(extra.get(0).problem()).isEqualTo(POOL.reserve(0, 0, 4));
    assertThat(driver.work()).as("waits for the further samples").isEmpty();

    // a restarted trainer recognises the further requests from the committed state
    RunDriver restarted =
        new RunDriver("r", driver.plan(), POOL, EngineState.fromJson(driver.state().toJson()));
    for (RunDriver d : List.of(driver, restarted)) {
      answer(first.get(0), 1, 0).forEach(d::offer);
      answer(first.get(1), 0, 0).forEach(d::offer);
      answer(extra.get(0), 1, 1).forEach(d::offer); // all right: no signal either
      answer(extra.get(1), 0, 1).forEach(d::offer);
    }
    Work.Update update = (Work.Update) driver.work().orElseThrow();
    Work.Update again = (Work.Update) restarted.work().orElseThrow();
    assertThat(ids(again.rollouts())).isEqualTo(ids(update.rollouts()));
    assertThat(ids(update.rollouts()))
        .containsExactly("r/s0/b0/0/0", "r/s0/b0/0/1", "r/s0/b0/3/0", "r/s0/b0/3/1");
    assertThat(update.filtered())
        .extracting(DecidedFate::traceId)
        .containsExactly("r/s0/b0/1/0", "r/s0/b0/1/1", "r/s0/b0/2/0", "r/s0/b0/2/1");
    assertThat(update.filtered())
        .allSatisfy(f -> assertThat(f.reason()).isEqualTo("zero-variance group"));
    List<DecidedFate> fates = driver.complete(update).fates();
    assertThat(fates).hasSize(8);
    assertThat(fates.stream().map(DecidedFate::traceId)).doesNotHaveDuplicates();
    assertThat(fates.stream().filter(f -> f.kind() == DecidedFate.Kind.FILTERED)).hasSize(4);
    assertThat(fates.stream().filter(f -> f.kind() == DecidedFate.Kind.TRAINED)).hasSize(4);
  }

  @Test
  void afterTheLastRoundTheBatchTrainsOnWhatDiffersEvenIfThatIsNothing() {
    RunDriver driver =
        driver("prompts-per-step: 1\nsamples: 2\ndynamic-sampling: true\nmax-sampling-rounds: 2\n");
    answer(driver.start().get(0), 0, 0).forEach(driver::offer);
    Work more = driver.work().orElseThrow();
    assertThat(more).isEqualTo(new Work.MoreSamples(0, 1)); // capped at prompts-per-step
    Request extra = driver.complete(more).requests().get(0);
    answer(extra, 1, 1).forEach(driver::offer);
    Work.Update update = (Work.Update) driver.work().orElseThrow();
    assertThat(update.rollouts()).isEmpty();
    assertThat(update.filtered()).hasSize(4);
    assertThat(driver.complete(update).fates())
        .hasSize(4)
        .allSatisfy(f -> assertThat(f.kind()).isEqualTo(DecidedFate.Kind.FILTERED));
  }

  @Test
  void withoutDynamicSamplingAGroupThatAgreesIsTrainedOn() {
    RunDriver driver = driver("prompts-per-step: 1\nsamples: 2\n");
    answer(driver.start().get(0), 0, 0).forEach(driver::offer);
    Work.Update update = (Work.Update) driver.work().orElseThrow();
    assertThat(update.rollouts()).hasSize(2);
    assertThat(update.filtered()).isEmpty();
  }

  @Test
  void overlongFilteringMasksCutRolloutsFromTheLossButKeepsThemInTheirGroup() {
    RunDriver driver = driver("prompts-per-step: 1\nsamples: 3\noverlong-filter: true\n");
    Request request = driver.start().get(0);
    driver.offer(rollout(request, 0, 1, 10, true));
    driver.offer(rollout(request, 1, 0, 12, true));
    driver.offer(rollout(request, 2, 0, 64, false)); // cut at the limit
    Work.Update update = (Work.Update) driver.work().orElseThrow();
    assertThat(ids(update.rollouts())).containsExactly("r/s0/b0/0/0", "r/s0/b0/0/1");
    assertThat(ids(update.statisticsOnly())).containsExactly("r/s0/b0/0/2");
    assertThat(update.filtered())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("overlong: masked"))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(DecidedFate.Kind.FILTERED));
    List<DecidedFate> fates = driver.complete(update).fates();
    assertThat(fates.stream().map(DecidedFate::traceId))
        .containsExactlyInAnyOrder("r/s0/b0/0/0", "r/s0/b0/0/1", "r/s0/b0/0/2");
  }

  @Test
  void gfpoKeepsTheShortestOfEachGroupForTheLoss() {
    RunDriver driver = driver("prompts-per-step: 1\nsamples: 4\ngfpo-keep: 2\n");
    Request request = driver.start().get(0);
    int[] lengths = {30, 10, 20, 40};
    for (int i = 0; i < 4; i++) {
      driver.offer(rollout(request, i, i % 2, lengths[i], true));
    }
    Work.Update update = (Work.Update) driver.work().orElseThrow();
    assertThat(ids(update.rollouts())).containsExactly("r/s0/b0/0/1", "r/s0/b0/0/2");
    assertThat(update.filtered())
        .extracting(DecidedFate::traceId)
        .containsExactly("r/s0/b0/0/0", "r/s0/b0/0/3");
    assertThat(update.filtered())
        .allSatisfy(f -> assertThat(f.reason()).isEqualTo("gfpo: not among the 2 shortest"));
    assertThat(driver.complete(update).fates()).hasSize(4);
  }

  @Test
  void gfpoMayRankByRewardPerToken() {
    List<DecidedFate> filtered = new ArrayList<>();
    Request request = driver("samples: 4\n").start().get(0);
    // reward per token: 1/10, 1/20, 0/5, 1/8 → keep samples 3 and 0
    List<Rollout> group =
        List.of(
            rollout(request, 0, 1, 10, true),
            rollout(request, 1, 1, 20, true),
            rollout(request, 2, 0, 5, true),
            rollout(request, 3, 1, 8, true));
    List<Rollout> kept =
        BatchSelection.gfpo(
            group, 2, dev.brevity.run.PolicyGradient.GfpoMetric.REWARD_PER_TOKEN, filtered);
    assertThat(kept).extracting(Rollout::sampleIndex).containsExactly(0, 3);
    assertThat(filtered)
        .extracting(DecidedFate::reason)
        .containsOnly("gfpo: not among the 2 highest in reward per token");
  }
}
