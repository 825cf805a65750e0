package dev.brevity.cli;

import dev.brevity.cli.follow.Comparison;
import dev.brevity.cli.follow.ComparisonReport;
import dev.brevity.cli.follow.Following;
import dev.brevity.cli.follow.ProgressView;
import dev.brevity.cli.follow.RunSubmission;
import dev.brevity.cli.follow.RunTracker;
import dev.brevity.cli.follow.RunWatch;
import dev.brevity.cli.local.Terminal;
import dev.brevity.events.RunState;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevity run}: submits a run to any Kafka cluster running Brevity and follows it. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Submits a run configuration to a Brevity cluster ('brevity up', Kubernetes, ...) and"
            + " follows it until its result is evaluated; prints the result against the reference.")
public final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "Run configuration YAML (its 'method' key is required).")
  Path config;

  @Mixin SharedOptions.Bootstrap bootstrap;

  @Option(names = "--run-id", description = "The run's id (default: <method>-<time>).")
  String runId;

  @Option(names = "--detach", description = "Submit and return at once.")
  boolean detach;

  @Option(
      names = "--eval-every",
      defaultValue = "0",
      description = "The eval-service's brevity.eval.every, for the evaluation bar's total.")
  int evalEvery;

  @Option(
      names = "--timeout",
      defaultValue = "12h",
      description = "Stop following after this long (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    RunSubmission submission = RunSubmission.read(config);
    var limit = Durations.parse("--timeout", timeout);
    String id =
        runId != null
            ? runId
            : submission.method()
                + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String servers = bootstrap.reachable();
    submission.submit(servers, id);
    System.out.println("submitted run " + id + " to " + servers);
    if (detach) {
      return 0;
    }
    RunTracker tracker = new RunTracker();
    try (RunWatch watch = RunWatch.follow(servers, tracker)) {
      Following.untilComplete(
          tracker,
          watch,
          List.of(id),
          new ProgressView(evalEvery),
          Terminal.standard(),
          Optional::empty,
          limit);
    }
    RunTracker.Run run = tracker.get(id).orElseThrow();
    if (run.state() != RunState.SUCCEEDED) {
      System.out.println("run " + id + " " + run.state() + ": " + run.message());
      return 1;
    }
    System.out.println();
    System.out.println(ComparisonReport.table(Comparison.of(tracker, List.of(id))));
    return 0;
  }
}
