package dev.brevity.cli.follow;

import dev.brevity.events.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Progress bars of runs, one per phase: reference sampling (methods that need it), training
 * updates, evaluation of the run's checkpoints, each with its estimated time to completion.
 */
public final class ProgressView {

  private static final int WIDTH = 24;

  private final int evalEvery;

  /**
   * @param evalEvery the eval-service's every-Nth rule ({@code brevity.eval.every}), 0 if unknown
   */
  public ProgressView(int evalEvery) {
    this.evalEvery = evalEvery;
  }

  /** The bars of {@code runIds} (in that order) as they stand at {@code now}. */
  public List<String> lines(RunTracker tracker, List<String> runIds, Instant now) {
    List<String> lines = new ArrayList<>();
    synchronized (tracker) {
      for (String runId : runIds) {
        Optional<RunTracker.Run> found = tracker.get(runId);
        if (found.isEmpty()) {
          lines.add(String.format("%-12s submitted", runId));
          continue;
        }
        RunTracker.Run run = found.get();
        String name = run.method();
        if (run.samplesReference()) {
          lines.add(
              bar(
                  name,
                  "reference",
                  run.referenceProblemsDone(),
                  run.problems(),
                  "problems",
                  run.acceptedAt().orElse(null),
                  now));
        }
        long planned = run.plannedUpdates();
        String training =
            bar(
                name,
                "training",
                run.version(),
                planned,
                "updates",
                run.trainingFrom().orElse(null),
                now);
        if (run.acceptedAt().isEmpty() && !run.finished()) {
          training += "  (waiting for the trainer)";
        }
        lines.add(training);
        lines.add(
            bar(
                name,
                "evaluation",
                run.versionsEvaluated(),
                expectedEvaluations(run),
                "versions",
                run.trainingFrom().orElse(null), // checkpoints are evaluated as they come
                now));
        if (run.finished() && run.state() != RunState.SUCCEEDED) {
          lines.add(String.format("%-12s %s: %s", name, run.state(), run.message()));
        }
      }
    }
    return lines;
  }

  /**
   * The versions of the run the eval-service evaluates: every Nth and the run's result; -1 when the
   * rule or the run's length is unknown.
   */
  long expectedEvaluations(RunTracker.Run run) {
    long updates = run.plannedUpdates();
    if (evalEvery <= 0 || updates < 0) {
      return -1;
    }
    long byRule = updates / evalEvery;
    long result = run.resultVersion().orElse(updates);
    return byRule + (result > 0 && result % evalEvery != 0 ? 1 : 0);
  }

  /** Whether the run has ended and, if it succeeded, its result and the reference are evaluated. */
  public static boolean complete(RunTracker.Run run) {
    if (!run.finished()) {
      return false;
    }
    if (run.state() != RunState.SUCCEEDED) {
      return true;
    }
    Optional<Long> result = run.resultVersion();
    return result.isPresent() && run.greedy(result.get()).isPresent() && run.greedy(0).isPresent();
  }

  /** One bar: {@code name phase [####....] done/total unit pct ETA}. */
  static String bar(
      String name, String phase, long done, long total, String unit, Instant from, Instant now) {
    StringBuilder line = new StringBuilder(String.format("%-12s %-11s", name, phase));
    if (total <= 0) {
      return line.append(String.format("[%s] %5d %s", "?".repeat(WIDTH), done, unit)).toString();
    }
    long shown = Math.min(done, total);
    int filled = (int) (WIDTH * shown / total);
    line.append('[')
        .append("#".repeat(filled))
        .append(".".repeat(WIDTH - filled))
        .append(']')
        .append(String.format(" %5d/%-5d %-9s %3d%%", shown, total, unit, 100 * shown / total));
    if (shown >= total) {
      return line.append("  done").toString();
    }
    if (from != null && done > 0) {
      Duration elapsed = Duration.between(from, now);
      Duration eta = elapsed.multipliedBy(total - done).dividedBy(done);
      line.append("  ETA ").append(format(eta));
    }
    return line.toString();
  }

  /** {@code 1h02m}, {@code 4m05s} or {@code 12s}. */
  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds >= 3600) {
      return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
    if (seconds >= 60) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return seconds + "s";
  }
}
