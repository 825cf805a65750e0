package dev.brevity.rewardservice;

import dev.brevity.service.ServiceEnvironment;
import dev.brevity.service.ServiceHealth;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/** Runs the scoring topology for the life of the service, with exactly-once processing. */
@ApplicationScoped
public class RewardStreams implements ServiceHealth {

  private static final Logger LOG = Logger.getLogger(RewardStreams.class);

  private final RewardConfig config;
  private final ServiceEnvironment environment;
  private KafkaStreams streams;

  RewardStreams(RewardConfig config, ServiceEnvironment environment) {
    this.config = config;
    this.environment = environment;
  }

  void start(@Observes StartupEvent event) {
    // a bad default spec fails the start, naming the key and the valid rewards
    new RunRewards(config.spec(), runId -> null);
    streams =
        new KafkaStreams(
            ScoringTopology.build(config.spec(), environment.clock(), environment.registry()),
            properties());
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
  State state() {
    return streams == null ? State.CREATED : streams.state();
  }

  /** Ready once the topology runs. */
  @Override
  public HealthCheckResponse readiness() {
    State state = state();
    return HealthCheckResponse.named("scoring")
        .status(state == State.RUNNING)
        .withData("state", state.name())
        .build();
  }

  /** Live unless the topology failed. */
  @Override
  public HealthCheckResponse liveness() {
    State state = state();
    return HealthCheckResponse.named("scoring")
        .status(state != State.ERROR && state != State.PENDING_ERROR)
        .withData("state", state.name())
        .build();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers());
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
