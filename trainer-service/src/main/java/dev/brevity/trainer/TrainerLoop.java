package dev.brevity.trainer;

import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.run.RunPlan;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.Partitions;
import dev.brevity.service.DeadLetterLog;
import dev.brevity.service.Decoded;
import dev.brevity.service.EventDecoder;
import dev.brevity.service.KafkaClients;
import dev.brevity.service.ServiceLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The trainer's outer loop, on one thread: reads brevity.runs, rejects runs it cannot train
 * (unknown method, bad configuration), and trains the others one at a time — a new run, or one a
 * previous trainer process left unfinished, which resumes from its last committed state. A failed
 * session is retried from that state.
 */
final class TrainerLoop extends ServiceLoop {

  private static final Logger LOG = Logger.getLogger(TrainerLoop.class);
  private static final EventCodec CODEC = EventCodec.standard();
  private static final EventDecoder<SpecificRecord> EVENTS = EventDecoder.of(SpecificRecord.class);
  private static final Set<RunState> FINISHED =
      EnumSet.of(RunState.REJECTED, RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED);
  static final String RUNS_GROUP = "brevity-trainer";

  /** Failed sessions of one run in a row before the run is marked FAILED. */
  static final int MAX_ATTEMPTS = 3;

  private final TrainerContext trainer;
  private final RunReview review;
  private final DeadLetterLog deadLetters;
  private volatile String activeRun;
  private final Map<String, Integer> failures = new java.util.HashMap<>();

  TrainerLoop(TrainerContext trainer, RunReview review) {
    this.trainer = trainer;
    this.review = review;
    this.deadLetters = new DeadLetterLog(trainer.metrics()::deadLetter);
  }

  String activeRun() {
    return activeRun;
  }

  /** Until stopped: a failed session is retried from the run's last commit. */
  @Override
  protected void loop() {
    ready();
    try (KafkaProducer<String, byte[]> producer = plainProducer()) {
      while (!stopping()) {
        try {
          Optional<RunRequested> next = nextRun(producer);
          if (next.isEmpty()) {
            pause(trainer.config().idlePoll());
            continue;
          }
          RunRequested run = next.get();
          activeRun = run.getRunId();
          RunPlan plan = RunPlan.parse(run.getMethod(), run.getConfigYaml());
          new RunSession(run, plan, trainer, this::stopping).run();
          failures.remove(activeRun);
          recovered();
        } catch (RuntimeException e) {
          failed(e);
          int attempts = activeRun == null ? 0 : failures.merge(activeRun, 1, Integer::sum);
          if (attempts >= MAX_ATTEMPTS) {
            LOG.errorf(
                e, "run %s failed %d times in a row: marking it FAILED", activeRun, attempts);
            markFailed(producer, activeRun, e);
          } else {
            LOG.errorf(
                e, "trainer session of run %s failed; resuming from its last commit", activeRun);
          }
          pause(Duration.ofSeconds(2));
        } finally {
          activeRun = null;
        }
      }
    }
  }

  /**
   * Reads brevity.runs to its end: the first unfinished run this trainer accepts, after rejecting
   * (with a RunStatus) every new run it cannot train and dead-lettering unreadable records.
   */
  private Optional<RunRequested> nextRun(KafkaProducer<String, byte[]> producer) {
    Map<String, RunRequested> requests = new LinkedHashMap<>();
    Map<String, RunStatus> statuses = new LinkedHashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = runsConsumer()) {
      Set<TopicPartition> partitions = Set.copyOf(Partitions.of(consumer, Topic.RUNS.topicName()));
      Map<TopicPartition, OffsetAndMetadata> seen = consumer.committed(partitions);
      Map<TopicPartition, Long> end =
          RunsTopic.read(
              consumer,
              record -> {
                Decoded<SpecificRecord> decoded = EVENTS.read(record);
                if (decoded.isEvent()) {
                  if (decoded.event() instanceof RunRequested request) {
                    requests.put(request.getRunId(), request);
                  } else if (decoded.event() instanceof RunStatus status) {
                    statuses.put(status.getRunId(), status);
                  }
                  return;
                }
                OffsetAndMetadata committed =
                    seen.get(new TopicPartition(record.topic(), record.partition()));
                if (committed == null || record.offset() >= committed.offset()) {
                  producer.send(deadLetters.report(decoded.deadLetter()).toRecord());
                }
              });
      producer.flush();
      Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
      end.forEach((p, offset) -> positions.put(p, new OffsetAndMetadata(offset)));
      consumer.commitSync(positions);
    }
    for (RunRequested request : requests.values()) {
      RunStatus status = statuses.get(request.getRunId());
      if (status != null && FINISHED.contains(status.getState())) {
        continue;
      }
      if (status == null) {
        RunStatus verdict = review.review(request, Instant.now());
        if (verdict.getState() == RunState.REJECTED) {
          LOG.infof("rejected run %s: %s", request.getRunId(), verdict.getMessage());
          producer.send(
              new ProducerRecord<>(
                  Topic.RUNS.topicName(),
                  RunReview.statusKey(request.getRunId()),
                  CODEC.encode(verdict)));
          producer.flush();
          continue;
        }
      }
      return Optional.of(request);
    }
    return Optional.empty();
  }

  private void markFailed(KafkaProducer<String, byte[]> producer, String runId, Exception error) {
    RunStatus failed =
        TrainerEvents.status(
            runId,
            RunState.FAILED,
            0,
            0,
            "failed " + MAX_ATTEMPTS + " times in a row; last error: " + error,
            null);
    producer.send(
        new ProducerRecord<>(
            Topic.RUNS.topicName(), RunReview.statusKey(runId), CODEC.encode(failed)));
    producer.flush();
    failures.remove(runId);
  }

  private KafkaConsumer<String, byte[]> runsConsumer() {
    return new KafkaConsumer<>(
        KafkaClients.readCommittedConsumer(trainer.bootstrapServers(), RUNS_GROUP, null),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  private KafkaProducer<String, byte[]> plainProducer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, trainer.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
