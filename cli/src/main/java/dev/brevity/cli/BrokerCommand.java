package dev.brevity.cli;

import dev.brevity.broker.EmbeddedKafkaBroker;
import dev.brevity.broker.TopicCreator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brevity broker}: a real single-node KRaft Kafka broker with every Brevity topic, until
 * Ctrl-C. Standard output gets exactly one line, the bootstrap address; everything else goes to
 * standard error.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a single-node Apache Kafka broker (KRaft) with all Brevity topics.",
      "Prints the bootstrap address (host:port) on standard output and runs until Ctrl-C."
    })
public final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      description = "Persistent data directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.brevity/broker")
  Path dataDir;

  @Option(
      names = "--port",
      description = "Client port; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "9092")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    boolean fresh = !EmbeddedKafkaBroker.isFormatted(dataDir);
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
    UntilStopped until =
        UntilStopped.install(
            "broker", System.err::println, "shutting down", "stopped cleanly", broker::close);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<String> created = TopicCreator.createMissing(admin, (short) 1);
      System.err.printf(
          "brevity broker: %s data in %s; created %d topic(s)%n",
          fresh ? "new" : "existing", dataDir, created.size());
    }
    System.out.println(broker.bootstrapServers());
    System.out.flush();
    until.await();
    return 0;
  }
}
