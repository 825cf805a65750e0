package dev.brevity.cli;

import dev.brevity.cli.kafka.BrokerProbe;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options that several commands take with the same meaning, declared once as picocli mixins
 * ({@code @Mixin SharedOptions.Bootstrap bootstrap;}).
 */
final class SharedOptions {

  private SharedOptions() {}

  /** {@code --bootstrap}: the Kafka cluster a command reads from or writes to. */
  static final class Bootstrap {
    @Option(
        names = "--bootstrap",
        paramLabel = "<bootstrap>",
        defaultValue = "127.0.0.1:9092",
        description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String servers;

    /** The servers, once a broker there has answered ({@link BrokerProbe}). */
    String reachable() {
      return BrokerProbe.reachable(servers);
    }
  }

  /** {@code --checkpoint}: the policy a command loads. */
  static final class Checkpoint {
    @Option(
        names = "--checkpoint",
        paramLabel = "<checkpoint>",
        required = true,
        description = "Checkpoint directory.")
    Path dir;
  }

  /** {@code --json}: the command's report as one JSON object instead of a table. */
  static final class JsonReport {
    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;
  }

  /** {@code --dashboard-port}: where the local stack's eval-service serves the dashboard. */
  static final class DashboardPort {
    @Option(
        names = "--dashboard-port",
        paramLabel = "<dashboardPort>",
        defaultValue = "8084",
        description = "The dashboard's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;
  }

  /** {@code --seed}: the seed of the bundled problems a command draws, and of its sampling. */
  static final class Seed {
    @Option(
        names = "--seed",
        paramLabel = "<seed>",
        defaultValue = "1",
        description =
            "Seed of the problems, and of sampling where there is any (default: ${DEFAULT-VALUE}).")
    long value;
  }

  /** {@code --per-level}: how many bundled problems a command draws at each difficulty. */
  static final class PerLevel {
    @Option(
        names = "--per-level",
        paramLabel = "<perLevel>",
        defaultValue = "100",
        description = "Bundled problems per difficulty level (default: ${DEFAULT-VALUE}).")
    int count;
  }

  /** {@code --repeats}: how often a benchmark measures each figure. */
  static final class Repeats {
    @Option(
        names = "--repeats",
        paramLabel = "<repeats>",
        defaultValue = "3",
        description =
            "Timed runs of each figure (after any warm-up); the median is reported (default:"
                + " ${DEFAULT-VALUE}).")
    int count;
  }

  /** {@code --no-logs}: keep the local services' logs off the terminal. */
  static final class NoLogs {
    @Option(
        names = "--no-logs",
        description =
            "Do not print the services' logs (they are still written to logs/ in the data or output directory).")
    boolean quiet;
  }
}
