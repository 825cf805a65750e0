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

  /** The update of the oldest batch in flight, once all its rollouts are in. */
  Optional<Work> update() {
    if (state.inFlight.isEmpty()) {
      return Optional.empty();
    }
    InFlight oldest = state.inFlight.get(0);
    Map<String, Rollout> held = batches.get(oldest.batch());
    if (held.size() < plan.sampling().promptsPerStep() * plan.sampling().samples()) {
      return Optional.empty();
    }
    List<Rollout> all = RunDriver.sorted(held.values());
    List<DecidedFate> stale =
        RunDriver.staleOf(all, state.weightsVersion, plan.schedule().maxStaleness());
    List<String> staleIds = stale.stream().map(DecidedFate::traceId).toList();
    List<Rollout> rollouts = all.stream().filter(r -> !staleIds.contains(r.traceId())).toList();
    return Optional.of(
        new Work.Update(Work.Objective.TOKEN_CLIP, advantage, rollouts, new double[0], stale));
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
    batches.remove(done.batch());
    batchOfRequest.values().removeIf(b -> b == done.batch());
    List<DecidedFate> fates = new ArrayList<>(update.stale());
    for (Rollout rollout : update.rollouts()) {
      fates.add(DecidedFate.trained(rollout, trained));
    }
    if (!update.rollouts().isEmpty()) {
      state.history.add(
          new VersionStats(
              done.version(),
              done.stage(),
              update.rollouts().stream().mapToDouble(r -> r.correct() ? 1 : 0).average().orElse(0),
              update.rollouts().stream().mapToInt(Rollout::length).average().orElse(0)));
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

  /** The requests of a batch; registers them so their rollouts are recognised. */
  private List<Request> track(InFlight batch) {
    batches.computeIfAbsent(batch.batch(), b -> new LinkedHashMap<>());
    List<TaskProblem> problems = pool.batch(batch.batch(), plan.sampling().promptsPerStep());
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      String id = runId + "/s" + batch.stage() + "/b" + batch.batch() + "/" + i;
      batchOfRequest.put(id, batch.batch());
      requests.add(
          new Request(
              id,
              problems.get(i),
              batch.version(),
              plan.sampling().samples(),
              batch.stage(),
              false,
              plan.sampling().temperature(),
              plan.sampling().topP(),
              plan.sampling().maxNewTokens(batch.stage()),
              RunDriver.seed(plan, batch.batch(), i),
              plan.schedule().maxStaleness()));
    }
    return requests;
  }
}
