package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.schemas.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brevity broker} as a user runs it: a separate process, a standard client (kcat), SIGTERM,
 * and a restart on the same data directory.
 */
class BrokerCommandIT {

  @TempDir Path dataDir;

  @Test
  void servesEveryTopicToAStandardClientAndKeepsDataAcrossACleanRestart() throws Exception {
    String payload = "kept-across-restart";
    try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
      assertThat(broker.bootstrap).matches("127\\.0\\.0\\.1:\\d+");
      assertTopicsAsDeclared(broker.bootstrap);
      assertThat(kcatMetadata(broker.bootstrap))
          .contains(Topic.values().length + " topics:")
          .contains("topic \"brevity.traces\" with 4 partitions")
          .contains("topic \"brevity.runs\" with 1 partitions");
      produce(broker.bootstrap, payload);

      int exit = broker.stop();

      assertThat(exit).as("exit code after SIGTERM (128 + 15)").isEqualTo(143);
      assertThat(broker.stderr()).contains("stopped cleanly");
    }
    assertThat(dataDir.resolve(".kafka_cleanshutdown")).exists();

    try (BrokerProcess restarted = BrokerProcess.start(dataDir)) {
      assertThat(restarted.stderrLine()).contains("existing data").contains("created 0 topic(s)");
      assertThat(consumeAll(restarted.bootstrap)).containsExactly(payload);
      restarted.stop();
    }
  }

  private static void assertTopicsAsDeclared(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<String> names = new ArrayList<>();
      List<ConfigResource> resources = new ArrayList<>();
      for (Topic topic : Topic.values()) {
        names.add(topic.topicName());
        resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()));
      }
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(names).allTopicNames().get();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      for (Topic topic : Topic.values()) {
        assertThat(descriptions.get(topic.topicName()).partitions()).hasSize(topic.partitions());
        Config config =
            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()));
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertThat(config.get(key).value()).as(topic + " " + key).isEqualTo(value));
      }
    }
  }

  private static String kcatMetadata(String bootstrap) throws Exception {
    Process kcat =
        new ProcessBuilder("kcat", "-L", "-b", bootstrap).redirectErrorStream(true).start();
    String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kcat.exitValue()).as("kcat -L output:\n" + output).isZero();
    return output;
  }

  private static void produce(String bootstrap, String value) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topic.DEAD_LETTERS.topicName(), "key", value)).get();
    }
  }

  private static List<String> consumeAll(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(Topic.DEAD_LETTERS.topicName(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }

  /** {@code brevity broker} in its own JVM, on the test's class path. */
  private static final class BrokerProcess implements AutoCloseable {
    final Process process;
    final String bootstrap;
    private final Path stderrFile;

    private BrokerProcess(Process process, String bootstrap, Path stderrFile) {
      this.process = process;
      this.bootstrap = bootstrap;
      this.stderrFile = stderrFile;
    }

    static BrokerProcess start(Path dataDir) throws IOException {
      Path stderr = Files.createTempFile("broker", ".err");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  BrevityCommand.class.getName(),
                  "broker",
                  "--data-dir",
                  dataDir.toString(),
                  "--port",
                  "0")
              .redirectError(stderr.toFile())
              .start();
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String bootstrap = stdout.readLine(); // blocks until the broker is up and topics exist
      if (bootstrap == null) {
        throw new IllegalStateException("broker exited: " + Files.readString(stderr));
      }
      return new BrokerProcess(process, bootstrap, stderr);
    }

    /** SIGTERM, then waits for the exit code. */
    int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("broker did not stop within 60 s");
      }
      return process.exitValue();
    }

    String stderr() throws IOException {
      return Files.readString(stderrFile);
    }

    /** The broker's own status line on standard error. */
    String stderrLine() throws IOException {
      return stderr()
          .lines()
          .filter(line -> line.startsWith("brevity broker:"))
          .findFirst()
          .orElse("");
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      Files.deleteIfExists(stderrFile);
    }
  }
}
