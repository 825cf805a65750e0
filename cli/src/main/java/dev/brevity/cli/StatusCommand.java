package dev.brevity.cli;

import dev.brevity.cli.follow.RunTracker;
import dev.brevity.cli.follow.RunWatch;
import dev.brevity.events.EvalCompleted;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code brevity status}: every run on the cluster, where it stands and its latest evaluation. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Lists the runs on a Brevity cluster: state, version, latest evaluation.")
public final class StatusCommand implements Callable<Integer> {

  @Mixin SharedOptions.Bootstrap bootstrap;

  @Override
  public Integer call() {
    RunTracker tracker = new RunTracker();
    RunWatch.readToEnd(bootstrap.reachable(), tracker);
    System.out.printf(
        "%-36s %-16s %-15s %7s %6s %9s %8s %7s  %s%n",
        "RUN", "METHOD", "STATE", "VERSION", "RESULT", "ACCURACY", "LENGTH", "AES", "EVALUATED");
    for (RunTracker.Run run : tracker.runs()) {
      Optional<EvalCompleted> latest =
          run.evaluations().stream()
              .filter(RunTracker::isFree)
              .reduce((a, b) -> b.getPolicyVersion() >= a.getPolicyVersion() ? b : a);
      System.out.printf(
          Locale.ROOT,
          "%-36s %-16s %-15s %7d %6s %9s %8s %7s  %s%n",
          run.runId(),
          run.method(),
          run.state(),
          run.version(),
          run.resultVersion().map(String::valueOf).orElse("-"),
          latest.map(e -> String.format(Locale.ROOT, "%.3f", e.getAccuracy())).orElse("-"),
          latest.map(e -> String.format(Locale.ROOT, "%.1f", e.getMeanLength())).orElse("-"),
          latest
              .map(e -> e.getAes() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.getAes()))
              .orElse("-"),
          latest.map(e -> "v" + e.getPolicyVersion()).orElse("-"));
    }
    if (tracker.runs().isEmpty()) {
      System.out.println("(no runs)");
    }
    return 0;
  }
}
