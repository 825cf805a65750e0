package dev.brevity.testsupport;

import dev.brevity.broker.EmbeddedKafkaBroker;
import dev.brevity.broker.TopicCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one real Kafka broker of a test JVM, started on first use and stopped when the JVM exits.
 * Chosen in this order:
 *
 * <ol>
 *   <li>{@code $KAFKA_BOOTSTRAP_SERVERS}, if set: an existing broker (e.g. {@code ./brevity
 *       broker});
 *   <li>Testcontainers' Apache Kafka container, if a Docker engine is available;
 *   <li>otherwise an in-process KRaft broker ({@link EmbeddedKafkaBroker}) on free ports, with its
 *       data in a temporary directory.
 * </ol>
 *
 * Every Brevity topic is created on it.
 */
public final class SharedKafkaBroker {

  /** Environment variable naming an existing broker to test against. */
  public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  /** Image Testcontainers runs when Docker is available: the same Kafka version as the build. */
  public static final String KAFKA_IMAGE = "apache/kafka:4.2.1";

  private static String bootstrapServers;
  private static String kind;

  private SharedKafkaBroker() {}

  /** {@code host:port} of the shared broker, starting it if needed. */
  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = start();
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        TopicCreator.createMissing(admin, (short) 1);
      }
    }
    return bootstrapServers;
  }

  /** Which broker this JVM uses: "external", "testcontainers" or "embedded" (after start). */
  public static synchronized String kind() {
    bootstrapServers();
    return kind;
  }

  private static String start() {
    String external = System.getenv(BOOTSTRAP_ENV);
    if (external != null && !external.isBlank()) {
      kind = "external";
      return external;
    }
    if (dockerAvailable()) {
      KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
      kind = "testcontainers";
      return container.getBootstrapServers();
    }
    Path dataDir = temporaryDirectory();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  deleteRecursively(dataDir);
                },
                "embedded-kafka-stop"));
    kind = "embedded";
    return broker.bootstrapServers();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("brevity-test-kafka");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }
}
