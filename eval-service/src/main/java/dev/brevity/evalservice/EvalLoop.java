package dev.brevity.evalservice;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.EvalCompleted;
import dev.brevity.schemas.Topic;
import dev.brevity.service.DeadLetter;
import dev.brevity.service.DeadLetterLog;
import dev.brevity.service.Decoded;
import dev.brevity.service.EventDecoder;
import dev.brevity.service.KafkaClients;
import dev.brevity.service.Outgoing;
import dev.brevity.service.ServiceEnvironment;
import dev.brevity.service.ServiceLoop;
import dev.brevity.service.TransactionalStep;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The evaluator's loop, on one thread: reads brevity.checkpoints in consumer group {@value #GROUP}
 * (instances share the runs), evaluates every Nth version, and publishes its EvalCompleted events
 * together with the consumed offset in one transaction — each checkpoint is evaluated into the
 * topic exactly once, also across crashes. The reference's results (version 0, and budget forcing)
 * go out with a run's first evaluated version. A checkpoint record that cannot be read, whose files
 * are gone, or whose files do not load as a policy, is dead-lettered with the reason.
 */
final class EvalLoop extends ServiceLoop {

  private static final Logger LOG = Logger.getLogger(EvalLoop.class);
  private static final EventDecoder<CheckpointPublished> CHECKPOINTS =
      EventDecoder.of(CheckpointPublished.class);
  static final String GROUP = "brevity-eval";

  private final CheckpointEvaluator evaluator;
  private final EvalSettings settings;
  private final ServiceEnvironment environment;
  private final String instanceId;
  private final Duration sessionTimeout;
  private final DeadLetterLog deadLetters;

  /** {@code instanceId} names its transactions; the group drops it after {@code sessionTimeout}. */
  EvalLoop(
      CheckpointEvaluator evaluator,
      ServiceEnvironment environment,
      String instanceId,
      Duration sessionTimeout) {
    this.evaluator = evaluator;
    this.settings = evaluator.settings();
    this.environment = environment;
    this.instanceId = instanceId;
    this.sessionTimeout = sessionTimeout;
    this.deadLetters =
        new DeadLetterLog(
            topic ->
                environment.registry().counter("brevity.dead.letters", "topic", topic).increment());
  }

  /** Until stopped: a failed session is retried from the last committed checkpoint. */
  @Override
  protected void loop() {
    ready();
    while (!stopping()) {
      try {
        session();
        recovered();
      } catch (RuntimeException e) {
        failed(e);
        LOG.errorf(e, "evaluator session failed; resuming from the last committed checkpoint");
        pause(Duration.ofSeconds(2));
      }
    }
  }

  private void session() {
    try (KafkaProducer<String, byte[]> producer = producer();
        KafkaConsumer<String, byte[]> consumer = consumer()) {
      producer.initTransactions();
      TransactionalStep step = new TransactionalStep(producer, consumer);
      consumer.subscribe(List.of(Topic.CHECKPOINTS.topicName()));
      while (!stopping()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          // fenced: another evaluator with this id took over; any failure: the session retries
          step.commit(handle(record).consumed(record));
        }
      }
    }
  }

  /** What the record's checkpoint publishes: its evaluations, nothing, or its dead letter. */
  private Outgoing handle(ConsumerRecord<String, byte[]> record) {
    Outgoing out = new Outgoing();
    Decoded<CheckpointPublished> decoded = CHECKPOINTS.read(record);
    if (!decoded.isEvent()) {
      return out.deadLetter(deadLetters.report(decoded.deadLetter()));
    }
    CheckpointPublished checkpoint = decoded.event();
    long version = checkpoint.getPolicyVersion();
    EvalSettings.Plan plan = settings.plan(version, checkpoint.getResultVersion());
    if (plan.isEmpty()) {
      return out;
    }
    String runId = checkpoint.getRunId();
    Map<Long, Path> dirs = new LinkedHashMap<>();
    for (long evaluated : plan.versions()) {
      String uri = evaluated == version ? checkpoint.getUri() : checkpoint.getResultUri();
      Path dir = Path.of(URI.create(uri));
      if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
        return out.deadLetter(
            deadLetter(
                record,
                new IllegalStateException(
                    "checkpoint "
                        + runId
                        + " v"
                        + evaluated
                        + ": no model.safetensors at "
                        + dir)));
      }
      dirs.put(evaluated, dir);
    }
    long started = System.nanoTime();
    evaluator.reference(); // a base model that fails is the service's fault: the session retries
    List<EvalCompleted> events =
        new ArrayList<>(plan.reference() ? evaluator.referenceEvents(runId) : List.of());
    for (Map.Entry<Long, Path> entry : dirs.entrySet()) {
      long evaluated = entry.getKey();
      try {
        events.addAll(
            evaluator.versionEvents(
                runId, evaluated, checkpoint.getStage(), evaluated, entry.getValue()));
      } catch (RuntimeException e) {
        // files that do not load as a policy (corrupt, another architecture): retrying cannot help
        return out.deadLetter(
            deadLetter(
                record,
                new IllegalStateException(
                    "checkpoint " + runId + " v" + evaluated + " cannot be evaluated: " + e, e)));
      }
    }
    for (EvalCompleted event : events) {
      out.send(Topic.EVAL_RESULTS, event.getRunId(), event);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    environment.registry().counter("brevity.eval.checkpoints").increment();
    environment
        .registry()
        .timer("brevity.eval.duration")
        .record(Duration.ofNanos(System.nanoTime() - started));
    EvalCompleted last = events.get(events.size() - 1);
    LOG.infof(
        "run %s v%d%s: accuracy %.3f, mean length %.1f, AES %s (%.0f s)",
        runId,
        last.getPolicyVersion(),
        Long.valueOf(last.getPolicyVersion()).equals(checkpoint.getResultVersion())
            ? " (the run's result)"
            : "",
        last.getAccuracy(),
        last.getMeanLength(),
        last.getAes() == null ? "-" : String.format("%.3f", last.getAes()),
        seconds);
    return out;
  }

  private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, Exception reason) {
    return deadLetters.report(new DeadLetter(record, reason));
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties p =
        KafkaClients.readCommittedConsumer(environment.bootstrapServers(), GROUP, sessionTimeout);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    // an evaluation (with the reference's, on a run's first checkpoint) takes minutes
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofHours(1).toMillis());
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties p =
        KafkaClients.transactionalProducer(
            environment.bootstrapServers(), "brevity-eval-" + instanceId, Duration.ofMinutes(5));
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
