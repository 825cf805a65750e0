package dev.brevity.evalservice;

import dev.brevity.evalservice.DashboardViews.EvalPoint;
import dev.brevity.evalservice.DashboardViews.Histogram;
import dev.brevity.evalservice.DashboardViews.InspectedProblem;
import dev.brevity.evalservice.DashboardViews.ProblemEntry;
import dev.brevity.evalservice.DashboardViews.Rate;
import dev.brevity.evalservice.DashboardViews.Replay;
import dev.brevity.evalservice.DashboardViews.RunDetail;
import dev.brevity.evalservice.DashboardViews.RunSummary;
import dev.brevity.evalservice.DashboardViews.StepPoint;
import dev.brevity.evalservice.DashboardViews.TracePoint;
import dev.brevity.evalservice.DashboardViews.TraceView;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard's state, built from the events of every run: what each run is and where it is, its
 * evaluations, training diagnostics, trace fates, recent scored traces (for histograms and
 * throughput) and, per problem, the reference's trace beside the newest version's. Bounded per run;
 * every change bumps {@link #revision()}, which the live page watches.
 */
final class Dashboard {

  private static final int BINS = 20;

  /** Per-run bounds. */
  record Limits(int evals, int traces, int problems) {}

  private static final class Run {
    String method = "";
    String state = "UNKNOWN";
    String message;
    long version;
    int stage;
    long submittedAt;
    final List<EvalPoint> evals = new ArrayList<>();
    final Deque<StepPoint> steps = new ArrayDeque<>();
    final Map<String, Long> fates = new TreeMap<>();
    final Deque<TracePoint> traces = new ArrayDeque<>();
    long tracesSeen;
    final Map<String, InspectedProblem> problems = new LinkedHashMap<>();
    final Map<String, Double> originalRewards = new LinkedHashMap<>(); // traceId → reward
    final Map<String, Map<String, Double>> replays = new TreeMap<>(); // version → traceId → reward
  }

  private final Limits limits;
  private final Map<String, Run> runs = new HashMap<>();
  private long revision;
  private long unreadable;

  Dashboard(Limits limits) {
    this.limits = limits;
  }

  /** Takes in one event of any topic the dashboard reads; others are ignored. */
  synchronized void accept(Object event) {
    if (event instanceof RunRequested r) {
      Run run = run(r.getRunId());
      run.method = r.getMethod();
      run.submittedAt = r.getOccurredAt().toEpochMilli();
    } else if (event instanceof RunStatus s) {
      Run run = run(s.getRunId());
      run.state = s.getState().name();
      run.message = s.getMessage();
      run.stage = s.getStage();
      if (s.getPolicyVersion() != null) {
        run.version = Math.max(run.version, s.getPolicyVersion());
      }
    } else if (event instanceof CheckpointPublished c) {
      Run run = run(c.getRunId());
      run.version = Math.max(run.version, c.getPolicyVersion());
    } else if (event instanceof EvalCompleted e) {
      addEval(run(e.getRunId()), EvalPoint.of(e));
    } else if (event instanceof TrainingStep s) {
      bounded(run(s.getRunId()).steps, StepPoint.of(s), limits.evals());
    } else if (event instanceof TraceFate f) {
      run(f.getRunId()).fates.merge(f.getFate().name(), 1L, Long::sum);
    } else if (event instanceof ScoredTrace t) {
      addTrace(run(t.getRunId()), t);
    } else {
      return;
    }
    revision++;
  }

  /**
   * Takes in a trace re-scored by {@code brevity replay --publish} (brevity.replayed-traces): kept
   * apart from the run's own scores.
   */
  synchronized void acceptReplayed(ScoredTrace t) {
    run(t.getRunId())
        .replays
        .computeIfAbsent(t.getRewardVersion(), v -> new HashMap<>())
        .put(t.getTraceId(), t.getReward());
    revision++;
  }

  /** Forgets everything (before the feed reads the topics again from their beginning). */
  synchronized void clear() {
    runs.clear();
    unreadable = 0;
    revision++;
  }

  /** Counts a record that is not a Brevity event (it is left to its owner to dead-letter). */
  synchronized void unreadable() {
    unreadable++;
    revision++;
  }

  synchronized long unreadableRecords() {
    return unreadable;
  }

  /** Bumped by every change. */
  synchronized long revision() {
    return revision;
  }

  /** Every run, the most recently submitted first. */
  synchronized List<RunSummary> runs() {
    return runs.entrySet().stream()
        .map(e -> summary(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingLong(RunSummary::submittedAt)
                .reversed()
                .thenComparing(RunSummary::runId))
        .toList();
  }

  /** A run's evaluations: by policy version, the free greedy one first, then budgets ascending. */
  synchronized List<EvalPoint> evals(String runId) {
    Run run = runs.get(runId);
    return run == null ? List.of() : List.copyOf(run.evals);
  }

  /** The trace inspector's problems of a run, in the order first seen. */
  synchronized List<ProblemEntry> problems(String runId) {
    Run run = runs.get(runId);
    return run == null
        ? List.of()
        : run.problems.values().stream().map(InspectedProblem::entry).toList();
  }

  /** One problem of the trace inspector, with its traces. */
  synchronized Optional<InspectedProblem> problem(String runId, String problemId) {
    Run run = runs.get(runId);
    return Optional.ofNullable(run == null ? null : run.problems.get(problemId));
  }

  synchronized Optional<RunDetail> detail(String runId) {
    Run run = runs.get(runId);
    if (run == null) {
      return Optional.empty();
    }
    List<TracePoint> traces = List.copyOf(run.traces);
    return Optional.of(
        new RunDetail(
            summary(runId, run),
            List.copyOf(run.evals),
            List.copyOf(run.steps),
            Map.copyOf(run.fates),
            histogram(traces, TracePoint::reward),
            histogram(traces, TracePoint::length),
            throughput(traces),
            run.tracesSeen,
            replays(run)));
  }

  private static List<Replay> replays(Run run) {
    List<Replay> replays = new ArrayList<>();
    run.replays.forEach(
        (version, rewards) -> {
          double mean = rewards.values().stream().mapToDouble(r -> r).average().orElse(0);
          var original =
              rewards.keySet().stream()
                  .map(run.originalRewards::get)
                  .filter(java.util.Objects::nonNull)
                  .mapToDouble(r -> r)
                  .average();
          replays.add(
              new Replay(
                  version,
                  rewards.size(),
                  mean,
                  original.isPresent() ? original.getAsDouble() : null));
        });
    return replays;
  }

  private Run run(String runId) {
    return runs.computeIfAbsent(runId, id -> new Run());
  }

  private void addEval(Run run, EvalPoint point) {
    run.evals.add(point);
    run.evals.sort(
        Comparator.comparingLong(EvalPoint::policyVersion)
            .thenComparing(EvalPoint::greedy, Comparator.reverseOrder())
            .thenComparing(p -> p.tokenBudget() == null ? 0 : p.tokenBudget()));
    while (run.evals.size() > limits.evals()) {
      run.evals.remove(0);
    }
  }

  private void addTrace(Run run, ScoredTrace t) {
    run.tracesSeen++;
    run.originalRewards.put(t.getTraceId(), t.getReward());
    if (run.originalRewards.size() > limits.traces()) { // the newest scores only
      run.originalRewards.remove(run.originalRewards.keySet().iterator().next());
    }
    bounded(run.traces, TracePoint.of(t), limits.traces());
    String problemId = t.getTrace().getProblem().getProblemId();
    InspectedProblem known = run.problems.get(problemId);
    if (known == null && run.problems.size() >= limits.problems()) {
      return;
    }
    TraceView view = TraceView.of(t);
    boolean reference =
        t.getTrace().getPurpose() == RolloutPurpose.REFERENCE || t.getPolicyVersion() == 0;
    TraceView ref = known == null ? null : known.reference();
    TraceView latest = known == null ? null : known.latest();
    if (reference && ref == null) {
      ref = view;
    } else if (!reference && (latest == null || view.policyVersion() >= latest.policyVersion())) {
      latest = view;
    }
    var problem = t.getTrace().getProblem();
    run.problems.put(
        problemId,
        new InspectedProblem(
            problemId,
            problem.getDifficulty(),
            problem.getPrompt().strip(),
            problem.getAnswer(),
            ref,
            latest));
  }

  private static <T> void bounded(Deque<T> deque, T item, int limit) {
    deque.addLast(item);
    while (deque.size() > limit) {
      deque.removeFirst();
    }
  }

  private static RunSummary summary(String runId, Run run) {
    EvalPoint reference = null;
    EvalPoint latest = null;
    for (EvalPoint e : run.evals) {
      if (e.greedy()) {
        latest = e;
        if (e.policyVersion() == 0) {
          reference = e;
        }
      }
    }
    Double change =
        reference == null || latest == null || reference.meanLength() == 0
            ? null
            : 100 * (latest.meanLength() - reference.meanLength()) / reference.meanLength();
    return new RunSummary(
        runId,
        run.method,
        run.state,
        run.message,
        run.version,
        run.stage,
        run.submittedAt,
        latest == null ? null : latest.accuracy(),
        latest == null ? null : latest.meanLength(),
        latest == null ? null : latest.aes(),
        change,
        (int) run.evals.stream().filter(EvalPoint::greedy).count());
  }

  /**
   * Two series over the same bins: the traces of the oldest and of the newest policy version held
   * (one series when they are the same version).
   */
  static Histogram histogram(List<TracePoint> traces, ToDoubleFunction<TracePoint> value) {
    if (traces.isEmpty()) {
      return new Histogram(0, 1, List.of(), List.of());
    }
    long first = traces.stream().mapToLong(TracePoint::policyVersion).min().orElseThrow();
    long last = traces.stream().mapToLong(TracePoint::policyVersion).max().orElseThrow();
    double min = traces.stream().mapToDouble(value).min().orElseThrow();
    double max = traces.stream().mapToDouble(value).max().orElseThrow();
    double width = max > min ? (max - min) / BINS : 1;
    List<Long> versions = first == last ? List.of(first) : List.of(first, last);
    List<String> series = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    for (long version : versions) {
      int[] bins = new int[BINS];
      for (TracePoint t : traces) {
        if (t.policyVersion() == version) {
          bins[Math.min(BINS - 1, (int) ((value.applyAsDouble(t) - min) / width))]++;
        }
      }
      series.add("v" + version);
      counts.add(bins);
    }
    return new Histogram(min, width, series, counts);
  }

  private static List<Rate> throughput(List<TracePoint> traces) {
    Map<Long, Integer> perMinute = new TreeMap<>();
    for (TracePoint t : traces) {
      perMinute.merge(t.at() - t.at() % 60_000, 1, Integer::sum);
    }
    return perMinute.entrySet().stream().map(e -> new Rate(e.getKey(), e.getValue())).toList();
  }
}
