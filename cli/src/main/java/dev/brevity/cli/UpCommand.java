package dev.brevity.cli;

import dev.brevity.cli.local.BrevityHome;
import dev.brevity.cli.local.LocalStack;
import dev.brevity.cli.local.Terminal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevity up}: the broker and the four services on this machine, until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the Kafka broker and the four services on this machine and keeps them up until"
          + " Ctrl-C. Submit runs with 'brevity run CONFIG.yaml'.",
      "Data (broker, checkpoints, logs) persists in --data-dir: 'up' again resumes."
    })
public final class UpCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = "${sys:user.home}/.brevity/local",
      description = "Where broker data, checkpoints and logs live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "The broker's client port (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin SharedOptions.DashboardPort dashboard;

  @Option(
      names = "--eval-every",
      defaultValue = "1",
      description =
          "Evaluate every Nth checkpoint, and each run's result (default: ${DEFAULT-VALUE}).")
  int evalEvery;

  @Option(
      names = "--eval-per-level",
      defaultValue = "30",
      description = "Held-out problems per difficulty level (default: ${DEFAULT-VALUE}).")
  int evalPerLevel;

  @Mixin SharedOptions.NoLogs logs;

  @Override
  public Integer call() throws Exception {
    Terminal terminal = Terminal.standard();
    terminal.showLogs(!logs.quiet);
    LocalStack stack =
        LocalStack.start(
            BrevityHome.locate(),
            new LocalStack.Settings(
                dataDir,
                port,
                dashboard.port,
                Map.of(
                    "brevity.eval.every", Integer.toString(evalEvery),
                    "brevity.eval.per-level", Integer.toString(evalPerLevel))),
            terminal);
    UntilStopped until =
        UntilStopped.install(
            "up", terminal::say, "stopping the services and the broker", "stopped", stack::close);
    terminal.say(
        "brevity up: broker "
            + stack.bootstrapServers()
            + ", dashboard "
            + stack.dashboard()
            + ", data in "
            + dataDir.toAbsolutePath()
            + "\nbrevity up: submit a run with: ./brevity run configs/thinkprune.yaml --bootstrap "
            + stack.bootstrapServers()
            + " (Ctrl-C stops everything)");
    until.await();
    return 0;
  }
}
