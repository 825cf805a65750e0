package dev.brevity.cli;

import dev.brevity.cli.follow.Comparison;
import dev.brevity.cli.follow.ComparisonReport;
import dev.brevity.cli.follow.Following;
import dev.brevity.cli.follow.ProgressView;
import dev.brevity.cli.follow.RunSubmission;
import dev.brevity.cli.follow.RunTracker;
import dev.brevity.cli.follow.RunWatch;
import dev.brevity.cli.local.BrevityHome;
import dev.brevity.cli.local.LocalStack;
import dev.brevity.cli.local.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code brevity demo}: the whole system on this machine. The broker and the four services start,
 * an O1-Pruner run and a ThinkPrune run train from the shipped reference model, the eval-service
 * evaluates them, and the comparison is printed and written as {@code summary.json} and {@code
 * report.html}. The dashboard stays up until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Brevity end to end on this machine: broker, four services, an o1-pruner and a"
          + " thinkprune run from the shipped reference model, their evaluation and a report.",
      "The dashboard stays up until Ctrl-C (or use --exit)."
    })
public final class DemoCommand implements Callable<Integer> {

  /** The demo's two runs, in the order the trainer takes them. */
  static final List<String> METHODS = List.of("o1-pruner", "thinkprune");

  @Option(names = "--quick", description = "A small version: tiny runs and evaluation, minutes.")
  boolean quick;

  @Option(
      names = "--out",
      description = "Output directory (default: runs/demo-<time> in the Brevity checkout).")
  Path out;

  @Mixin SharedOptions.DashboardPort dashboard;

  @Option(names = "--exit", description = "Stop everything once the report is written.")
  boolean exit;

  @Mixin SharedOptions.NoLogs logs;

  @Option(
      names = "--timeout",
      defaultValue = "90m",
      description = "Give up if the runs have not completed by then (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    Duration limit = Durations.parse("--timeout", timeout);
    BrevityHome home = BrevityHome.locate();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = (out != null ? out : home.resolve("runs/demo-" + stamp)).toAbsolutePath();
    requireEmpty(dir);
    String configs = quick ? "configs/demo-quick" : "configs/demo";
    List<RunSubmission> submissions = new ArrayList<>();
    for (String method : METHODS) {
      submissions.add(RunSubmission.read(home.resolve(configs).resolve(method + ".yaml")));
    }
    Map<String, String> eval = quick ? QUICK_EVAL : FULL_EVAL;
    int every = Integer.parseInt(eval.get("brevity.eval.every"));

    Terminal terminal = Terminal.standard();
    terminal.showLogs(!logs.quiet);
    long started = System.nanoTime();
    terminal.say(
        "brevity demo"
            + (quick ? " --quick" : "")
            + ": output in "
            + dir
            + "\nbrevity demo: dashboard at http://127.0.0.1:"
            + dashboard.port
            + "/ (once the services are up; Ctrl-C stops everything)");
    LocalStack stack =
        LocalStack.start(home, new LocalStack.Settings(dir, 0, dashboard.port, eval), terminal);
    UntilStopped until =
        UntilStopped.install(
            "demo", terminal::say, "stopping the services and the broker", "stopped", stack::close);
    terminal.say(
        String.format(
            "brevity demo: broker %s and services ready in %.0f s; dashboard %s",
            stack.bootstrapServers(), seconds(started), stack.dashboard()));

    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < METHODS.size(); i++) {
      String runId = "demo-" + METHODS.get(i) + "-" + stamp;
      submissions.get(i).submit(stack.bootstrapServers(), runId);
      runIds.add(runId);
      terminal.say(
          "brevity demo: submitted " + runId + " (" + configs + "/" + METHODS.get(i) + ".yaml)");
    }
    RunTracker tracker = new RunTracker();
    try (RunWatch watch = RunWatch.follow(stack.bootstrapServers(), tracker)) {
      Following.untilComplete(
          tracker,
          watch,
          runIds,
          new ProgressView(every),
          terminal,
          () ->
              until.stopping()
                  ? Optional.empty() // Ctrl-C: the services are stopping on purpose
                  : stack.exited().map(s -> s.name() + " exited; its log: " + s.log()),
          limit);
    } catch (IllegalStateException e) {
      if (until.stopping()) {
        until.await();
        return 130;
      }
      terminal.say("brevity demo: " + e.getMessage());
      return 1;
    }
    Comparison comparison = Comparison.of(tracker, runIds);
    double elapsed = seconds(started);
    terminal.say("\n" + ComparisonReport.table(comparison));
    var extra = ComparisonReport.object();
    extra.put("demo", quick ? "quick" : "full");
    extra.put("elapsedSeconds", Math.round(elapsed * 10) / 10.0);
    extra.put("dashboard", stack.dashboard().toString());
    Files.writeString(dir.resolve("summary.json"), ComparisonReport.json(comparison, extra));
    Files.writeString(
        dir.resolve("report.html"),
        ComparisonReport.html(
            comparison,
            "Brevity demo" + (quick ? " (quick)" : ""),
            List.of(
                String.format(
                    "O1-Pruner and ThinkPrune from the shipped reference model, %.1f minutes on"
                        + " this machine, all four services on one Kafka broker.",
                    elapsed / 60))));
    terminal.say(
        String.format(
            "brevity demo: finished in %s; wrote %s and %s",
            ProgressView.format(Duration.ofSeconds((long) elapsed)),
            dir.resolve("summary.json"),
            dir.resolve("report.html")));
    if (exit) {
      until.cancel();
      stack.close();
      return 0;
    }
    terminal.say("brevity demo: the dashboard stays up at " + stack.dashboard() + " until Ctrl-C");
    until.await();
    return 0;
  }

  /** The eval-service of the full demo: the held-out set of docs/RESULTS.md. */
  static final Map<String, String> FULL_EVAL =
      Map.of(
          "brevity.eval.per-level", "30",
          "brevity.eval.every", "10",
          "brevity.eval.budgets", "100,200,300");

  /** The eval-service of the quick demo: two problems per level, each run's result only. */
  static final Map<String, String> QUICK_EVAL =
      Map.of(
          "brevity.eval.per-level", "2",
          "brevity.eval.every", "1000",
          "brevity.eval.budgets", "150,250",
          "brevity.eval.batch-size", "14");

  private static void requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "--out: " + dir + " is not empty; choose a new directory");
        }
      }
    }
    Files.createDirectories(dir);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
