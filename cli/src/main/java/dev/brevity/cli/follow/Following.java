package dev.brevity.cli.follow;

import dev.brevity.cli.local.Terminal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Shows runs' progress bars until every run is complete (ended, its result evaluated). */
public final class Following {

  private Following() {}

  /**
   * @param trouble a reason to give up (a service exited), checked every second
   * @throws IllegalStateException on trouble, or when {@code timeout} passes first
   */
  public static void untilComplete(
      RunTracker tracker,
      RunWatch watch,
      List<String> runIds,
      ProgressView view,
      Terminal terminal,
      Supplier<Optional<String>> trouble,
      Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        terminal.progress(view.lines(tracker, runIds, Instant.now()));
        if (allComplete(tracker, runIds)) {
          return;
        }
        if (watch.failure() != null) {
          throw new IllegalStateException("reading the run topics failed: " + watch.failure());
        }
        Optional<String> problem = trouble.get();
        if (problem.isPresent()) {
          throw new IllegalStateException(problem.get());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the runs did not complete within " + ProgressView.format(timeout));
        }
        Thread.sleep(1000);
      }
    } finally {
      terminal.endProgress();
    }
  }

  private static boolean allComplete(RunTracker tracker, List<String> runIds) {
    synchronized (tracker) {
      return runIds.stream()
          .allMatch(id -> tracker.get(id).map(ProgressView::complete).orElse(false));
    }
  }
}
