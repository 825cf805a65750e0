package dev.brevity.cli.follow;

import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.RunState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The comparison a demo ends with, from the eval-service's events: the reference, budget forcing of
 * the reference at each budget, and each run's result (the version it ended on), all on the same
 * held-out problems with greedy decoding. What {@code summary.json} holds.
 *
 * @param evalSet the held-out set, e.g. {@code arith-eval:30-per-level:seed-1}
 * @param reference the reference policy (version 0)
 * @param budgetForcing the reference with thinking cut at each budget
 * @param runs each run's result
 */
public record Comparison(
    String evalSet, Row reference, List<Row> budgetForcing, List<RunResult> runs) {

  /** Accuracy and length of one evaluated policy, and the change against the reference. */
  public record Row(
      String name,
      long version,
      Integer tokenBudget,
      int problems,
      double accuracy,
      double meanLength,
      double lengthChangePct,
      Double aes,
      List<Level> perDifficulty) {}

  /** Accuracy and mean length at one difficulty level. */
  public record Level(int difficulty, double accuracy, double meanLength) {}

  /** A version on a run's way (every evaluated checkpoint). */
  public record Point(long version, double accuracy, double meanLength, Double aes) {}

  /**
   * One run: its result's numbers (flattened, as {@code runs[].accuracy} etc.) and its curve.
   *
   * @param trainingSeconds from acceptance by the trainer to the run's end
   */
  public record RunResult(
      String runId,
      String method,
      String state,
      Long resultVersion,
      Double accuracy,
      Double meanLength,
      Double lengthChangePct,
      Double aes,
      List<Level> perDifficulty,
      List<Point> versions,
      Double trainingSeconds,
      String config) {}

  /**
   * Builds the comparison of {@code runIds}; the reference's numbers are those published with the
   * first run that has them (every run gets the same).
   *
   * @throws IllegalStateException when no run has the reference's evaluation
   */
  public static Comparison of(RunTracker tracker, List<String> runIds) {
    synchronized (tracker) {
      List<RunTracker.Run> runs =
          runIds.stream().map(id -> tracker.get(id).orElseThrow(() -> missing(id))).toList();
      EvalCompleted reference =
          runs.stream()
              .map(r -> r.greedy(0))
              .flatMap(Optional::stream)
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no evaluation of the reference was published"));
      double referenceLength = reference.getMeanLength();
      List<Row> budgets = new ArrayList<>();
      runs.stream()
          .filter(r -> r.greedy(0).isPresent())
          .findFirst()
          .ifPresent(
              r ->
                  r.evaluations().stream()
                      .filter(e -> e.getPolicyVersion() == 0 && e.getTokenBudget() != null)
                      .filter(e -> e.getDecoding().equals("greedy"))
                      .sorted(Comparator.comparing(EvalCompleted::getTokenBudget))
                      .forEach(
                          e ->
                              budgets.add(
                                  row(
                                      "budget forcing @" + e.getTokenBudget(),
                                      e,
                                      referenceLength))));
      List<RunResult> results = new ArrayList<>();
      for (RunTracker.Run run : runs) {
        results.add(result(run, referenceLength));
      }
      return new Comparison(
          reference.getEvalSet(), row("reference", reference, referenceLength), budgets, results);
    }
  }

  private static RunResult result(RunTracker.Run run, double referenceLength) {
    List<Point> curve =
        run.evaluations().stream()
            .filter(RunTracker::isFree)
            .map(
                e ->
                    new Point(e.getPolicyVersion(), e.getAccuracy(), e.getMeanLength(), e.getAes()))
            .sorted(Comparator.comparingLong(Point::version))
            .toList();
    Double seconds =
        run.acceptedAt().isPresent() && run.finishedAt() != null
            ? Duration.between(run.acceptedAt().get(), run.finishedAt()).toMillis() / 1000.0
            : null;
    Optional<EvalCompleted> result =
        run.state() == RunState.SUCCEEDED
            ? run.resultVersion().flatMap(run::greedy)
            : Optional.empty();
    if (result.isEmpty()) {
      return new RunResult(
          run.runId(),
          run.method(),
          run.state().name(),
          run.resultVersion().orElse(null),
          null,
          null,
          null,
          null,
          List.of(),
          curve,
          seconds,
          run.configYaml());
    }
    Row row = row(run.method(), result.get(), referenceLength);
    return new RunResult(
        run.runId(),
        run.method(),
        run.state().name(),
        row.version(),
        row.accuracy(),
        row.meanLength(),
        row.lengthChangePct(),
        row.aes(),
        row.perDifficulty(),
        curve,
        seconds,
        run.configYaml());
  }

  private static Row row(String name, EvalCompleted e, double referenceLength) {
    List<Level> levels =
        e.getPerDifficulty().stream()
            .sorted(Comparator.comparingInt(DifficultyResult::getDifficulty))
            .map(d -> new Level(d.getDifficulty(), d.getAccuracy(), d.getMeanLength()))
            .toList();
    return new Row(
        name,
        e.getPolicyVersion(),
        e.getTokenBudget(),
        e.getProblems(),
        e.getAccuracy(),
        e.getMeanLength(),
        lengthChangePct(e.getMeanLength(), referenceLength),
        e.getPolicyVersion() == 0 && e.getTokenBudget() == null ? Double.valueOf(0) : e.getAes(),
        levels);
  }

  /** 100 · (L − L_ref) / L_ref. */
  static double lengthChangePct(double length, double referenceLength) {
    return referenceLength == 0 ? 0 : 100 * (length - referenceLength) / referenceLength;
  }

  private static IllegalStateException missing(String runId) {
    return new IllegalStateException("no event of run " + runId + " was read");
  }
}
