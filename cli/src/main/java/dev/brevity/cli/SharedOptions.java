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
}
