package dev.brevity.cli.follow;

import dev.brevity.events.RunRequested;
import dev.brevity.run.RunConfigs;
import dev.brevity.run.RunPlan;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A run configuration file, checked, and its submission as a RunRequested on brevity.runs. */
public record RunSubmission(String method, String configYaml) {

  /**
   * Reads and checks {@code config} (its {@code method} key names the method).
   *
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  public static RunSubmission read(Path config) {
    String yaml;
    try {
      yaml = Files.readString(config);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(config + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(config + ": " + e.getMessage(), e);
    }
    String method;
    try {
      method = RunConfigs.method(yaml);
      RunPlan.parse(method, yaml);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
    }
    return new RunSubmission(method, yaml);
  }

  /** Publishes the run request under {@code runId}; returns when the broker has it. */
  public void submit(String bootstrapServers, String runId) {
    RunRequested request =
        RunRequested.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setRunId(runId)
            .setOccurredAt(Instant.now())
            .setMethod(method)
            .setConfigYaml(configYaml)
            .setRequestedBy("brevity-cli")
            .build();
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topic.RUNS.topicName(), runId, EventCodec.standard().encode(request)))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while submitting " + runId, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "could not submit run " + runId + " to " + bootstrapServers + ": " + e.getCause(), e);
    }
  }
}
