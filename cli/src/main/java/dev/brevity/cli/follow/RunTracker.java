package dev.brevity.cli.follow;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.run.RunPlan;
import dev.brevity.task.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each run stands, built from the events of brevity.runs, brevity.checkpoints,
 * brevity.reference-stats and brevity.eval-results: its state, the reference samples scored, the
 * versions trained, its evaluations. Pure state; {@link RunWatch} feeds it from Kafka.
 */
public final class RunTracker {

  /** States a run does not leave. */
  public static final Set<RunState> FINAL =
      EnumSet.of(RunState.SUCCEEDED, RunState.FAILED, RunState.REJECTED, RunState.CANCELLED);

  /** One run as the events describe it. */
  public static final class Run {
    private final String runId;
    private String method = "?";
    private String configYaml = "";
    private RunPlan plan; // null until requested, or when its config does not parse
    private RunState state = RunState.UNKNOWN;
    private String message = "";
    private Instant requestedAt;
    private Instant acceptedAt; // a trainer took the run
    private Instant finishedAt;
    private long version;
    private Long resultVersion;
    private final Map<String, Instant> referenceProblems = new LinkedHashMap<>();
    private final List<EvalCompleted> evaluations = new ArrayList<>();

    Run(String runId) {
      this.runId = runId;
    }

    public String runId() {
      return runId;
    }

    public String method() {
      return method;
    }

    public String configYaml() {
      return configYaml;
    }

    public RunState state() {
      return state;
    }

    public String message() {
      return message;
    }

    public boolean finished() {
      return FINAL.contains(state);
    }

    public Instant requestedAt() {
      return requestedAt;
    }

    public Instant finishedAt() {
      return finishedAt;
    }

    /** The latest published policy version (0 before the first update). */
    public long version() {
      return version;
    }

    /** The version the run ended on, once its last checkpoint is published. */
    public Optional<Long> resultVersion() {
      return Optional.ofNullable(resultVersion);
    }

    /** Whether the run first samples the reference policy (o1-pruner, sft-shortest, dpo). */
    public boolean samplesReference() {
      return plan != null && plan.method().needsReferenceSamples();
    }

    /** Problems whose reference statistics are published. */
    public int referenceProblemsDone() {
      return referenceProblems.size();
    }

    /** Problems of the run's data set, or -1 when it is a file this process cannot count. */
    public int problems() {
      if (plan == null || !plan.data().dataset().equals("arith")) {
        return -1;
      }
      return plan.data().perLevel() * Level.ALL.size();
    }

    /**
     * The updates the run will make: exact for online methods (stages × steps); for offline ones
     * estimated from the data set (rows per problem × problems / batch × epochs) until it ends.
     */
    public long plannedUpdates() {
      if (finished() && state == RunState.SUCCEEDED) {
        return version;
      }
      if (plan == null) {
        return -1;
      }
      if (plan.method().shape() == dev.brevity.run.RunMethod.Shape.ONLINE) {
        return (long) plan.stages() * plan.schedule().stepsPerStage();
      }
      int problems = problems();
      if (problems < 0) {
        return -1;
      }
      long rows = (long) problems * plan.offline().rowsPerProblem();
      int batch = plan.offline().batchSize();
      return Math.max(1, (rows + batch - 1) / batch) * plan.offline().epochs();
    }

    /** When a trainer took the run (it may wait behind another run before). */
    public Optional<Instant> acceptedAt() {
      return Optional.ofNullable(acceptedAt);
    }

    /** When updates began: the reference's last statistics, or acceptance for online methods. */
    public Optional<Instant> trainingFrom() {
      if (!samplesReference()) {
        return acceptedAt();
      }
      if (problems() < 0 || referenceProblems.size() < problems()) {
        return Optional.empty();
      }
      return referenceProblems.values().stream().max(Instant::compareTo);
    }

    /** Every evaluation published for the run, in order. */
    public List<EvalCompleted> evaluations() {
      return evaluations;
    }

    /** The greedy evaluation of {@code version} without a token budget, if published. */
    public Optional<EvalCompleted> greedy(long version) {
      return evaluations.stream()
          .filter(e -> e.getPolicyVersion() == version && isFree(e))
          .reduce((first, second) -> second);
    }

    /** Greedy evaluations of versions above 0 (the run's own checkpoints). */
    public long versionsEvaluated() {
      return evaluations.stream().filter(e -> e.getPolicyVersion() > 0 && isFree(e)).count();
    }
  }

  private final Map<String, Run> runs = new LinkedHashMap<>();

  /** Applies one event (others are ignored); {@code at} is its record's timestamp. */
  public synchronized void accept(Object event, Instant at) {
    if (event instanceof RunRequested request) {
      Run run = run(request.getRunId());
      run.method = request.getMethod();
      run.configYaml = request.getConfigYaml();
      run.requestedAt = at;
      try {
        run.plan = RunPlan.parse(request.getMethod(), request.getConfigYaml());
      } catch (IllegalArgumentException e) {
        run.plan = null; // the trainer rejects it, saying why
      }
    } else if (event instanceof RunStatus status) {
      Run run = run(status.getRunId());
      run.state = status.getState();
      run.message = status.getMessage() == null ? "" : status.getMessage();
      if (run.acceptedAt == null
          && (status.getState() == RunState.ACCEPTED || status.getState() == RunState.RUNNING)) {
        run.acceptedAt = at;
      }
      if (run.finished() && run.finishedAt == null) {
        run.finishedAt = at;
      }
    } else if (event instanceof CheckpointPublished checkpoint) {
      Run run = run(checkpoint.getRunId());
      run.version = Math.max(run.version, checkpoint.getPolicyVersion());
      if (checkpoint.getResultVersion() != null) {
        run.resultVersion = checkpoint.getResultVersion();
      }
    } else if (event instanceof ReferenceStats stats) {
      run(stats.getRunId()).referenceProblems.putIfAbsent(stats.getProblemId(), at);
    } else if (event instanceof EvalCompleted evaluation) {
      run(evaluation.getRunId()).evaluations.add(evaluation);
    }
  }

  /** The run, if any event named it. */
  public synchronized Optional<Run> get(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  /** Every run, in the order they first appeared. */
  public synchronized List<Run> runs() {
    return List.copyOf(runs.values());
  }

  /** A greedy evaluation without a token budget: the policy's own accuracy and length. */
  public static boolean isFree(EvalCompleted evaluation) {
    return evaluation.getDecoding().equals("greedy") && evaluation.getTokenBudget() == null;
  }

  private Run run(String runId) {
    return runs.computeIfAbsent(runId, Run::new);
  }
}
