package dev.brevity.train;

import dev.brevity.run.RunMethod;
import dev.brevity.run.RunPlan;
import dev.brevity.task.TaskProblem;
import dev.brevity.train.EngineState.Phase;
import java.util.ArrayList;
import java.util.Collection;
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
 * online also samples the reference first (for its statistics), then trains online. The driver
 * keeps the reference phase; {@link OnlineSchedule} and {@link OfflineSchedule} keep the rest, and
 * {@link MethodRecipe} says what each method trains with.
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
      List<DecidedFate> fates,
      List<Request> requests,
      List<Milestone> milestones,
      long reloadVersion) {}

  private final String runId;
  private final RunPlan plan;
  private final ProblemPool pool;
  private final EngineState state;
  private final OnlineSchedule online;
  private final OfflineSchedule offline;

  /** Reference samples by problem index, then trace id. */
  private final Map<Integer, Map<String, Rollout>> referenceSamples = new HashMap<>();

  private final Map<String, Integer> problemIndexOfRequest = new HashMap<>();

  public RunDriver(String runId, RunPlan plan, ProblemPool pool, EngineState state) {
    this.runId = runId;
    this.plan = plan;
    this.pool = pool;
    this.state = state;
    for (int i = 0; i < pool.size(); i++) {
      problemIndexOfRequest.put(referenceRequestId(i), i);
    }
    this.online = new OnlineSchedule(runId, plan, pool, state);
    this.offline = new OfflineSchedule(plan, state, this::referenceSamplesByProblem);
  }

  /** The state of a run that has not started. */
  public static EngineState initialState(RunPlan plan) {
    EngineState state = new EngineState();
    state.phase = plan.method().needsReferenceSamples() ? Phase.REFERENCE : Phase.TRAINING;
    return state;
  }

  public EngineState state() {
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
        TaskProblem problem = pool.problems().get(i);
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
                seed(plan, -1, i),
                0));
      }
      return requests;
    }
    return online.issueBatches();
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
      if (state.phase == Phase.DONE || problem == null || referencePhaseOver() || offline.built()) {
        return false;
      }
      return referenceSamples
              .computeIfAbsent(problem, p -> new LinkedHashMap<>())
              .putIfAbsent(rollout.traceId(), rollout)
          == null;
    }
    return online.offer(rollout);
  }

  /** The next piece of work, if its rollouts are all in. */
  public Optional<Work> work() {
    if (state.phase == Phase.DONE) {
      return Optional.empty();
    }
    if (plan.method().needsReferenceSamples() && !offline.built() && !referencePhaseOver()) {
      if (!referenceComplete()) {
        return Optional.empty();
      }
      if (plan.method().shape() == RunMethod.Shape.ONLINE) {
        return Optional.of(new Work.ReferenceComplete());
      }
    }
    if (plan.method().shape() == RunMethod.Shape.OFFLINE) {
      return Optional.of(offline.update());
    }
    return online.update();
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

  private List<List<Rollout>> referenceSamplesByProblem() {
    List<List<Rollout>> byProblem = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      byProblem.add(sorted(referenceSamples.getOrDefault(i, Map.of()).values()));
    }
    return byProblem;
  }

  /** The data set of an offline method, built once every reference sample is in. */
  public OfflineDataset dataset() {
    return offline.dataset();
  }

  /** The number of updates an offline run makes. */
  public long offlineUpdates() {
    return offline.updates();
  }

  /**
   * Records that {@code work} was done (for an update: the policy trained and its checkpoint
   * written) and advances the run.
   */
  public Outcome complete(Work work) {
    if (work instanceof Work.ReferenceComplete) {
      List<DecidedFate> fates = new ArrayList<>();
      referenceSamples.values().stream()
          .flatMap(m -> sorted(m.values()).stream())
          .forEach(
              r ->
                  fates.add(DecidedFate.filtered(r, "reference sample: used for statistics only")));
      referenceSamples.clear();
      state.phase = Phase.TRAINING;
      return new Outcome(
          -1, -1, fates, online.issueBatches(), List.of(Milestone.REFERENCE_COMPLETE), -1);
    }
    if (work instanceof Work.MoreSamples more) {
      return online.moreSamples(more);
    }
    Work.Update update = (Work.Update) work;
    long trained = state.weightsVersion;
    long published = state.version + 1;
    state.version = published;
    state.weightsVersion = published;
    state.freshOptimizer = false;
    state.updates++;
    return plan.method().shape() == RunMethod.Shape.OFFLINE
        ? offline.complete(trained, published)
        : online.complete(update, trained, published);
  }

  /**
   * Splits an update's rollouts into those within the staleness bound and the STALE fates of the
   * rest: a rollout sampled at v is trainable at version u only if u − v ≤ η.
   */
  public static List<DecidedFate> staleOf(
      List<Rollout> rollouts, long atVersion, int maxStaleness) {
    List<DecidedFate> stale = new ArrayList<>();
    for (Rollout rollout : rollouts) {
      if (atVersion - rollout.policyVersion() > maxStaleness) {
        stale.add(DecidedFate.stale(rollout, atVersion, maxStaleness));
      }
    }
    return stale;
  }

  /** The version the stage hands on, by the plan's checkpoint rule. */
  long chooseCheckpoint() {
    return online.chooseCheckpoint();
  }

  private String referenceRequestId(int problemIndex) {
    return runId + "/ref/" + problemIndex;
  }

  /** The sampling seed of request {@code index} of batch {@code batch} (−1: the reference's). */
  static long seed(RunPlan plan, long batch, int index) {
    return plan.data().seed() * 1_000_003L + (batch + 1) * 100_003L + index * 1_009L;
  }

  /** Rollouts by request id, then sample index. */
  static List<Rollout> sorted(Collection<Rollout> rollouts) {
    return rollouts.stream()
        .sorted(Comparator.comparing(Rollout::requestId).thenComparingInt(Rollout::sampleIndex))
        .toList();
  }
}
