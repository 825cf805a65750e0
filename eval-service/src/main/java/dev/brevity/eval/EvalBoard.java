package dev.brevity.eval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The evaluations of every run seen on brevity.eval-results, in policy-version order. */
@ApplicationScoped
public class EvalBoard {

  private final Map<String, List<EvalPoint>> pointsByRun = new ConcurrentHashMap<>();
  private final int historyPerRun;

  @Inject
  EvalBoard(EvalConfig config) {
    if (config.historyPerRun() < 1) {
      throw new IllegalArgumentException(
          "brevity.eval.history-per-run: must be at least 1, got " + config.historyPerRun());
    }
    this.historyPerRun = config.historyPerRun();
  }

  void add(String runId, EvalPoint point) {
    pointsByRun.compute(
        runId,
        (id, points) -> {
          List<EvalPoint> updated = points == null ? new ArrayList<>() : new ArrayList<>(points);
          updated.add(point);
          updated.sort(Comparator.comparingLong(EvalPoint::policyVersion));
          while (updated.size() > historyPerRun) {
            updated.remove(0);
          }
          return List.copyOf(updated);
        });
  }

  /** A run's evaluations, oldest policy version first; empty for an unknown run. */
  public List<EvalPoint> points(String runId) {
    return pointsByRun.getOrDefault(runId, List.of());
  }

  /** The runs with at least one evaluation. */
  public List<String> runs() {
    return pointsByRun.keySet().stream().sorted().toList();
  }
}
