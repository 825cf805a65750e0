package dev.brevity.train;

import dev.brevity.run.RunMethod;
import dev.brevity.run.RunPlan;
import dev.brevity.run.RunPlan.CheckpointRule;
import dev.brevity.task.Problem;
import dev.brevity.train.RunState.InFlight;
import dev.brevity.train.RunState.Phase;
import dev.brevity.train.RunState.VersionStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's control logic, free of Kafka and of tensors: which requests to issue, when a batch is
 * ready, what each trace's fate is, when a stage ends and where the next starts. The trainer
 * service feeds it scored rollouts and commits what {@link #complete} returns in one transaction
 * with the {@link #state()} it leaves.
 *
 * <p>Online methods issue batches of {@code prompts-per-step} requests of K samples; at most η + 1
 * batches are in flight, so batch b is sampled at version max(stage start, b − η) and trained at
 * version ≤ v + η; anything older is STALE. Offline methods first request K reference samples of
 * every problem, build their data set when all have arrived, and train epochs over it. O1-Pruner
 * online also samples the reference first (for its statistics), then trains online.
 */
public final class RunDriver {

  /** What a finished update or phase change means for the run. */
  public enum Milestone {
    /** Training began after the reference samples. */
    REFERENCE_COMPLETE,
    /** A stage ended; the next starts from its chosen checkpoint. */
    STAGE_COMPLETED,
    /** The run is finished. */
    SUCCEEDED
  }

  /**
   * What to commit after a piece of work.
   *
   * @param publishedVersion the new policy version the update produced, or -1 for none
   * @param parentVersion the version that was trained into it
   * @param fates traces whose end is now known
   * @param requests the next requests to issue
   * @param milestones what happened to the run
   * @param reloadVersion the version whose weights the trainer must load next (a new stage's
   *     start), or -1 to keep the current weights
   */
  public record Outcome(
      long publishedVersion,
      long parentVersion,
      List<Fate> fates,
      List<Request> requests,
      List<Milestone> milestones,
      long reloadVersion) {}

  private final String runId;
  private final RunPlan plan;
  private final ProblemPool pool;
  private final RunState state;

  /** Online: rollouts held per in-flight batch, by trace id. */
  private final Map<Long, Map<String, Rollout>> batches = new HashMap<>();

  private final Map<String, Long> batchOfRequest = new HashMap<>();

  /** Reference samples by problem index, then trace id. */
  private final Map<Integer, Map<String, Rollout>> referenceSamples = new HashMap<>();

  private final Map<String, Integer> problemIndexOfRequest = new HashMap<>();
  private OfflineDataset dataset;

  public RunDriver(String runId, RunPlan plan, ProblemPool pool, RunState state) {
    this.runId = runId;
    this.plan = plan;
    this.pool = pool;
    this.state = state;
    for (int i = 0; i < pool.size(); i++) {
      problemIndexOfRequest.put(referenceRequestId(i), i);
    }
    state.inFlight.forEach(this::track);
  }

  /** The state of a run that has not started. */
  public static RunState initialState(RunPlan plan) {
    RunState state = new RunState();
    state.phase = plan.method().needsReferenceSamples() ? Phase.REFERENCE : Phase.TRAINING;
    return state;
  }

  public RunState state() {
    return state;
  }

  public RunPlan plan() {
    return plan;
  }

  /** The requests a new run issues: every reference request, or the first η + 1 batches. */
  public List<Request> start() {
    if (state.phase == Phase.REFERENCE) {
      List<Request> requests = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        Problem problem = pool.problems().get(i);
        requests.add(
            new Request(
                referenceRequestId(i),
                problem,
                0,
                plan.offline().referenceSamples(),
                0,
                true,
                plan.offline().referenceTemperature(),
                plan.sampling().topP(),
                plan.sampling().maxNewTokens(0),
                seed(-1, i),
                0));
      }
      return requests;
    }
    return issueBatches();
  }

  /**
   * Takes a scored rollout of this run.
   *
   * @return whether it is held for training; false for one that belongs to no open batch or is held
   *     already (a duplicate, which must not get a second fate)
   */
  public boolean offer(Rollout rollout) {
    if (rollout.reference()) {
      Integer problem = problemIndexOfRequest.get(rollout.requestId());
      if (state.phase == Phase.DONE || problem == null || referencePhaseOver() || dataset != null) {
        return false;
      }
      return referenceSamples
              .computeIfAbsent(problem, p -> new LinkedHashMap<>())
              .putIfAbsent(rollout.traceId(), rollout)
          == null;
    }
    Long batch = batchOfRequest.get(rollout.requestId());
    if (batch == null) {
      return false;
    }
    return batches.get(batch).putIfAbsent(rollout.traceId(), rollout) == null;
  }

  /** The next piece of work, if its rollouts are all in. */
  public Optional<Work> work() {
    if (state.phase == Phase.DONE) {
      return Optional.empty();
    }
    if (plan.method().needsReferenceSamples() && dataset == null && !referencePhaseOver()) {
      if (!referenceComplete()) {
        return Optional.empty();
      }
      if (plan.method().shape() == RunMethod.Shape.ONLINE) {
        return Optional.of(new Work.ReferenceComplete());
      }
    }
    if (plan.method().shape() == RunMethod.Shape.OFFLINE) {
      return Optional.of(offlineUpdate());
    }
    return onlineUpdate();
  }

  /** O1-online's reference phase ends once training has begun. */
  private boolean referencePhaseOver() {
    return plan.method().shape() == RunMethod.Shape.ONLINE && state.phase != Phase.REFERENCE;
  }

  private boolean referenceComplete() {
    if (referenceSamples.size() < pool.size()) {
      return false;
    }
    return referenceSamples.values().stream()
        .allMatch(samples -> samples.size() >= plan.offline().referenceSamples());
  }

  private Optional<Work> onlineUpdate() {
    if (state.inFlight.isEmpty()) {
      return Optional.empty();
    }
    InFlight oldest = state.inFlight.get(0);
    Map<String, Rollout> held = batches.get(oldest.batch());
    if (held.size() < plan.sampling().promptsPerStep() * plan.sampling().samples()) {
      return Optional.empty();
    }
    List<Rollout> all = sorted(held.values());
    List<Fate> stale = staleOf(all, state.weightsVersion, plan.schedule().maxStaleness());
    List<String> staleIds = stale.stream().map(Fate::traceId).toList();
    List<Rollout> rollouts = all.stream().filter(r -> !staleIds.contains(r.traceId())).toList();
    Work.Advantage advantage =
        switch (plan.method()) {
          case O1_PRUNER_ONLINE -> Work.Advantage.BATCH;
          case PPO -> Work.Advantage.GAE;
          default -> Work.Advantage.GROUP;
        };
    return Optional.of(
        new Work.Update(Work.Objective.TOKEN_CLIP, advantage, rollouts, new double[0], stale));
  }

  private Work.Update offlineUpdate() {
    OfflineDataset data = dataset();
    int perUpdate = plan.offline().batchSize();
    int updatesPerEpoch = Math.max(1, (data.units() + perUpdate - 1) / perUpdate);
    long step = state.updates;
    int epoch = (int) (step / updatesPerEpoch);
    int position = (int) (step % updatesPerEpoch);
    List<Integer> order = data.epochOrder(epoch, plan.data().seed());
    List<Rollout> rows = new ArrayList<>();
    List<Double> advantages = new ArrayList<>();
    for (int u = position * perUpdate;
        u < Math.min(order.size(), (position + 1) * perUpdate);
        u++) {
      int unit = order.get(u);
      for (int k = 0; k < data.unit(); k++) {
        int row = unit * data.unit() + k;
        rows.add(data.rows().get(row));
        if (data.advantages().length > 0) {
          advantages.add(data.advantages()[row]);
        }
      }
    }
    Work.Objective objective =
        switch (plan.method()) {
          case SFT_SHORTEST -> Work.Objective.SFT;
          case DPO -> Work.Objective.DPO;
          default -> Work.Objective.SEQUENCE_CLIP_VS_REFERENCE;
        };
    return new Work.Update(
        objective,
        advantages.isEmpty() ? Work.Advantage.NONE : Work.Advantage.GIVEN,
        rows,
        advantages.stream().mapToDouble(Double::doubleValue).toArray(),
        List.of());
  }

  /** The data set of an offline method, built once every reference sample is in. */
  public OfflineDataset dataset() {
    if (dataset == null) {
      List<List<Rollout>> byProblem = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        byProblem.add(sorted(referenceSamples.getOrDefault(i, Map.of()).values()));
      }
      int rows = plan.offline().rowsPerProblem();
      dataset =
          switch (plan.method()) {
            case SFT_SHORTEST -> OfflineDataset.sftShortest(byProblem, rows);
            case DPO -> OfflineDataset.dpo(byProblem);
            default -> OfflineDataset.o1Pruner(byProblem, rows);
          };
      state.phase = Phase.TRAINING;
    }
    return dataset;
  }

  /** The number of updates an offline run makes. */
  public long offlineUpdates() {
    OfflineDataset data = dataset();
    int perUpdate = plan.offline().batchSize();
    return (long) Math.max(1, (data.units() + perUpdate - 1) / perUpdate) * plan.offline().epochs();
  }

  /**
   * Records that {@code work} was done (for an update: the policy trained and its checkpoint
   * written) and advances the run.
   */
  public Outcome complete(Work work) {
    if (work instanceof Work.ReferenceComplete) {
      List<Fate> fates = new ArrayList<>();
      referenceSamples.values().stream()
          .flatMap(m -> sorted(m.values()).stream())
          .forEach(r -> fates.add(Fate.filtered(r, "reference sample: used for statistics only")));
      referenceSamples.clear();
      state.phase = Phase.TRAINING;
      return new Outcome(-1, -1, fates, issueBatches(), List.of(Milestone.REFERENCE_COMPLETE), -1);
    }
    Work.Update update = (Work.Update) work;
    long trained = state.weightsVersion;
    long published = state.version + 1;
    state.version = published;
    state.weightsVersion = published;
    state.freshOptimizer = false;
    state.updates++;
    return plan.method().shape() == RunMethod.Shape.OFFLINE
        ? completeOffline(trained, published)
        : completeOnline(update, trained, published);
  }

  private Outcome completeOffline(long trained, long published) {
    List<Milestone> milestones = new ArrayList<>();
    List<Fate> fates = new ArrayList<>();
    if (state.updates >= offlineUpdates()) {
      OfflineDataset data = dataset();
      int perUpdate = plan.offline().batchSize();
      long updatesPerEpoch = offlineUpdates() / plan.offline().epochs();
      List<Integer> lastOrder = data.epochOrder(plan.offline().epochs() - 1, plan.data().seed());
      long firstOfLastEpoch = (plan.offline().epochs() - 1) * updatesPerEpoch;
      for (int position = 0; position < lastOrder.size(); position++) {
        long atVersion = firstOfLastEpoch + position / perUpdate; // the version that update trained
        int unit = lastOrder.get(position);
        for (int k = 0; k < data.unit(); k++) {
          fates.add(Fate.trained(data.rows().get(unit * data.unit() + k), atVersion));
        }
      }
      String reason =
          switch (plan.method()) {
            case SFT_SHORTEST -> "not among the shortest correct reference samples";
            case DPO -> "not the shortest or longest correct reference sample";
            default -> "reference sample not drawn as a training row: statistics only";
          };
      data.unused().forEach(r -> fates.add(Fate.filtered(r, reason)));
      state.phase = Phase.DONE;
      state.finalVersion = published;
      milestones.add(Milestone.SUCCEEDED);
    }
    return new Outcome(published, trained, fates, List.of(), milestones, -1);
  }

  private Outcome completeOnline(Work.Update update, long trained, long published) {
    InFlight done = state.inFlight.remove(0);
    batches.remove(done.batch());
    batchOfRequest.values().removeIf(b -> b == done.batch());
    List<Fate> fates = new ArrayList<>(update.stale());
    for (Rollout rollout : update.rollouts()) {
      fates.add(Fate.trained(rollout, trained));
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
        state.phase = Phase.DONE;
        state.finalVersion = chosen;
        milestones.add(Milestone.SUCCEEDED);
        return new Outcome(published, trained, fates, List.of(), milestones, -1);
      }
    }
    return new Outcome(published, trained, fates, issueBatches(), milestones, reload);
  }

  /**
   * Splits an update's rollouts into those within the staleness bound and the STALE fates of the
   * rest: a rollout sampled at v is trainable at version u only if u − v ≤ η.
   */
  public static List<Fate> staleOf(List<Rollout> rollouts, long atVersion, int maxStaleness) {
    List<Fate> stale = new ArrayList<>();
    for (Rollout rollout : rollouts) {
      if (atVersion - rollout.policyVersion() > maxStaleness) {
        stale.add(Fate.stale(rollout, atVersion, maxStaleness));
      }
    }
    return stale;
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
  private List<Request> issueBatches() {
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
    List<Problem> problems = pool.batch(batch.batch(), plan.sampling().promptsPerStep());
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
              seed(batch.batch(), i),
              plan.schedule().maxStaleness()));
    }
    return requests;
  }

  private String referenceRequestId(int problemIndex) {
    return runId + "/ref/" + problemIndex;
  }

  private long seed(long batch, int index) {
    return plan.data().seed() * 1_000_003L + (batch + 1) * 100_003L + index * 1_009L;
  }

  private static List<Rollout> sorted(java.util.Collection<Rollout> rollouts) {
    return rollouts.stream()
        .sorted(Comparator.comparing(Rollout::requestId).thenComparingInt(Rollout::sampleIndex))
        .toList();
  }
}
