package dev.brevity.rewardservice;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs the scoring topology for the life of the service, with exactly-once processing. */
@ApplicationScoped
public class RewardStreams {

  private static final Logger LOG = Logger.getLogger(RewardStreams.class);

  private final RewardConfig config;
  private final String bootstrapServers;
  private final MeterRegistry metrics;
  private KafkaStreams streams;

  RewardStreams(
      RewardConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      MeterRegistry metrics) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.metrics = metrics;
  }

  void start(@Observes StartupEvent event) {
    // a bad default spec fails the start, naming the key and the valid rewards
    new RunRewards(config.spec(), runId -> null);
    streams =
        new KafkaStreams(
            ScoringTopology.build(config.spec(), Clock.systemUTC(), metrics), properties());
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("scoring stopped", e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();
    LOG.infof("scoring %s with default reward %s", config.applicationId(), config.spec());
  }

  void stop(@Observes ShutdownEvent event) {
    if (streams != null) {
      streams.close(Duration.ofSeconds(10));
    }
  }

  /** The state of the Kafka Streams client (CREATED before start). */
  KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) config.sessionTimeout().toMillis());
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        (int) Math.max(500, config.sessionTimeout().toMillis() / 5));
    return p;
  }

  private String stateDir() {
    if (config.stateDir().isPresent()) {
      return config.stateDir().get();
    }
    try {
      return Files.createTempDirectory("brevity-reward-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory", e);
    }
  }
}
