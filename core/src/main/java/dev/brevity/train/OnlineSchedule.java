package dev.brevity.train;

import dev.brevity.run.RunPlan;
import dev.brevity.run.RunPlan.CheckpointRule;
import dev.brevity.task.TaskProblem;
import dev.brevity.train.EngineState.InFlight;
import dev.brevity.train.EngineState.VersionStats;
import dev.brevity.train.RunDriver.Milestone;
import dev.brevity.train.RunDriver.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule of an online method, behind {@link RunDriver}: batches of {@code prompts-per-step}
 * requests of K samples, at most η + 1 in flight, so batch b is sampled at version max(stage start,
 * b − η) and trained at version ≤ v + η; anything older is STALE. Each stage takes {@code
 * steps-per-stage} updates and hands the next stage the checkpoint its rule chooses.
 */
final class OnlineSchedule {

  private final String runId;
  private final RunPlan plan;
  private final ProblemPool pool;
  private final EngineState state;
  private final Work.Advantage advantage;

  /** Rollouts held per in-flight batch, by trace id. */
  private final Map<Long, Map<String, Rollout>> batches = new HashMap<>();

  private final Map<String, Long> batchOfRequest = new HashMap<>();

  /** A schedule that recognises the rollouts of the batches {@code state} has in flight. */
  OnlineSchedule(String runId, RunPlan plan, ProblemPool pool, EngineState state) {
    this.runId = runId;
    this.plan = plan;
    this.pool = pool;
    this.state = state;
    this.advantage = MethodRecipe.of(plan.method()).advantage();
    state.inFlight.forEach(this::track);
  }

  /**
   * Holds a rollout of an in-flight batch.
   *
   * @return false for one of no open batch, or one held already
   */
  boolean offer(Rollout rollout) {
    Long batch = batchOfRequest.get(rollout.requestId());
    if (batch == null) {
      return false;
    }
    return batches.get(batch).putIfAbsent(rollout.traceId(), rollout) == null;
  }

  /**
   * The update of the oldest batch in flight once all its rollouts are in, or with dynamic sampling
   * a request for more prompts when too few of its groups differ in reward ({@link
   * BatchSelection}).
   */
  Optional<Work> update() {
    if (state.inFlight.isEmpty()) {
      return Optional.empty();
    }
    InFlight oldest = state.inFlight.get(0);
    Map<String, Rollout> held = batches.get(oldest.batch());
    int requests = plan.sampling().promptsPerStep() + oldest.extraRequests();
    if (held.size() < requests * plan.sampling().samples()) {
      return Optional.empty();
    }
    BatchSelection.Selection selection =
        BatchSelection.select(
            RunDriver.sorted(held.values()), plan, state.weightsVersion, 1 + oldest.extraRounds());
    if (selection.morePrompts() > 0) {
      return Optional.of(new Work.MoreSamples(oldest.batch(), selection.morePrompts()));
    }
    return Optional.of(
        new Work.Update(
            Work.Objective.TOKEN_CLIP,
            advantage,
            selection.trained(),
            new double[0],
            selection.stale(),
            selection.statisticsOnly(),
            selection.filtered()));
  }

  /** Issues dynamic sampling's further requests for the oldest batch, at the current version. */
  Outcome moreSamples(Work.MoreSamples more) {
    InFlight oldest = state.inFlight.get(0);
    InFlight grown =
        new InFlight(
            oldest.batch(),
            oldest.stage(),
            oldest.version(),
            oldest.extraRounds() + 1,
            oldest.extraRequests() + more.prompts());
    state.inFlight.set(0, grown);
    int first = plan.sampling().promptsPerStep() + oldest.extraRequests();
    List<Request> requests = new ArrayList<>();
    for (int j = first; j < first + more.prompts(); j++) {
      requests.add(request(grown, j, state.weightsVersion));
    }
    return new Outcome(-1, -1, List.of(), requests, List.of(), -1);
  }

  /**
   * Closes the oldest batch after its update: the fates of its rollouts, the version's statistics,
   * and at the stage's last update the checkpoint the next stage starts from (or the run's end).
   *
   * @param trained the version the update trained
   * @param published the version it produced
   */
  Outcome complete(Work.Update update, long trained, long published) {
    InFlight done = state.inFlight.remove(0);
    Map<String, Rollout> held = batches.remove(done.batch());
    batchOfRequest.values().removeIf(b -> b == done.batch());
    List<DecidedFate> fates = new ArrayList<>(update.stale());
    fates.addAll(update.filtered());
    for (Rollout rollout : update.rollouts()) {
      fates.add(DecidedFate.trained(rollout, trained));
    }
    // what the version sampled, whether trained on or filtered (the checkpoint rule's accuracy)
    List<String> staleIds = update.stale().stream().map(DecidedFate::traceId).toList();
    List<Rollout> sampled =
        RunDriver.sorted(held.values()).stream()
            .filter(r -> !staleIds.contains(r.traceId()))
            .toList();
    if (!sampled.isEmpty()) {
      state.history.add(
          new VersionStats(
              done.version(),
              done.stage(),
              sampled.stream().mapToDouble(r -> r.correct() ? 1 : 0).average().orElse(0),
              sampled.stream().mapToInt(Rollout::length).average().orElse(0)));
    }
    state.stageUpdates++;
    List<Milestone> milestones = new ArrayList<>();
    long reload = -1;
    if (state.stageUpdates >= plan.schedule().stepsPerStage()) {
      long chosen = chooseCheckpoint();
      milestones.add(Milestone.STAGE_COMPLETED);
      if (state.stage + 1 < plan.stages()) {
        state.stage++;
        state.stageStartVersion = chosen;
        state.stageUpdates = 0;
        state.stageIssued = 0;
        if (chosen != state.weightsVersion) {
          reload = chosen;
        }
        state.weightsVersion = chosen;
        state.freshOptimizer = true;
      } else {
        state.phase = EngineState.Phase.DONE;
        state.finalVersion = chosen;
        milestones.add(Milestone.SUCCEEDED);
        return new Outcome(published, trained, fates, List.of(), milestones, -1);
      }
    }
    return new Outcome(published, trained, fates, issueBatches(), milestones, reload);
  }

  /** The version the stage hands on, by the plan's checkpoint rule. */
  long chooseCheckpoint() {
    if (plan.schedule().checkpointRule() == CheckpointRule.LAST) {
      return state.version;
    }
    List<VersionStats> ofStage =
        state.history.stream().filter(s -> s.stage() == state.stage).toList();
    if (ofStage.isEmpty()) {
      return state.version;
    }
    double baseline = ofStage.get(0).accuracy();
    double floor = baseline * (1 - plan.schedule().accuracyDrop());
    return ofStage.stream()
        .filter(s -> s.accuracy() >= floor - 1e-12)
        .min(
            Comparator.comparingDouble(VersionStats::meanLength)
                .thenComparing(Comparator.comparingLong(VersionStats::version).reversed()))
        .map(VersionStats::version)
        .orElse(state.version);
  }

  /** Issues batches until η + 1 are in flight or the stage has all it needs. */
  List<Request> issueBatches() {
    List<Request> requests = new ArrayList<>();
    while (state.inFlight.size() < plan.schedule().maxStaleness() + 1
        && state.stageIssued < plan.schedule().stepsPerStage()) {
      InFlight batch = new InFlight(state.nextBatch++, state.stage, state.weightsVersion);
      state.stageIssued++;
      state.inFlight.add(batch);
      requests.addAll(track(batch));
    }
    return requests;
  }

  /** The requests of a batch, dynamic sampling's included; registers them to recognise them. */
  private List<Request> track(InFlight batch) {
    batches.computeIfAbsent(batch.batch(), b -> new LinkedHashMap<>());
    List<Request> requests = new ArrayList<>();
    for (int j = 0; j < plan.sampling().promptsPerStep() + batch.extraRequests(); j++) {
      requests.add(request(batch, j, batch.version()));
    }
    return requests;
  }

  /**
   * Request {@code j} of a batch, registered: the batch's problems first, then dynamic sampling's
   * from the pool's reserve. Ids and seeds are functions of the batch and j.
   */
  private Request request(InFlight batch, int j, long version) {
    int prompts = plan.sampling().promptsPerStep();
    TaskProblem problem =
        j < prompts
            ? pool.batch(batch.batch(), prompts).get(j)
            : pool.reserve(
                batch.batch(),
                j - prompts,
                prompts * (plan.policyGradient().maxSamplingRounds() - 1));
    String id = runId + "/s" + batch.stage() + "/b" + batch.batch() + "/" + j;
    batchOfRequest.put(id, batch.batch());
    return new Request(
        id,
        problem,
        version,
        plan.sampling().samples(),
        batch.stage(),
        false,
        plan.sampling().temperature(),
        plan.sampling().topP(),
        plan.sampling().maxNewTokens(batch.stage()),
        RunDriver.seed(plan, batch.batch(), j),
        plan.schedule().maxStaleness());
  }
}
