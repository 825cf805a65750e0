package dev.brevity.sampler;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.service.DeadLetterLog;
import dev.brevity.service.Decoded;
import dev.brevity.service.EventDecoder;
import dev.brevity.service.KafkaClients;
import dev.brevity.service.Outgoing;
import dev.brevity.service.ServiceEnvironment;
import dev.brevity.service.ServiceLoop;
import dev.brevity.service.TransactionAbortedException;
import dev.brevity.service.TransactionalStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The sampler's consume-generate-produce loop, on one thread. It takes rollout requests off
 * brevity.rollout-requests (consumer group {@code brevity-sampler}) until a batch is full or the
 * batch wait is over, generates every requested trace, then publishes the traces, the fates of
 * requests it cannot serve, the dead letters of records it cannot read, and the consumed offsets in
 * one Kafka transaction. A process killed before the commit leaves nothing visible to a
 * read_committed reader, and its requests are redelivered and regenerated with the same seeds: one
 * committed trace per (request, sample index).
 */
final class SamplerLoop extends ServiceLoop {

  private static final Logger LOG = Logger.getLogger(SamplerLoop.class);
  private static final EventCodec CODEC = EventCodec.standard();
  private static final EventDecoder<RolloutRequest> REQUESTS =
      EventDecoder.of(RolloutRequest.class);
  static final String GROUP = "brevity-sampler";

  private final SamplerConfig config;
  private final ServiceEnvironment environment;
  private final PolicyVersions versions;
  private final RolloutGenerator generator;
  private final SamplerMetrics metrics;
  private final DeadLetterLog deadLetters;

  /** Records taken off the topic and not yet committed, by partition, in offset order. */
  private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> pending =
      new LinkedHashMap<>();

  /** The traces {@link #pending} asks for. */
  private int pendingSamples;

  SamplerLoop(SamplerConfig config, ServiceEnvironment environment, PolicyVersions versions) {
    this.config = config;
    this.environment = environment;
    this.versions = versions;
    this.metrics = new SamplerMetrics(environment.registry());
    this.deadLetters = new DeadLetterLog(metrics::deadLetter);
    this.generator =
        new RolloutGenerator(versions, config.id(), config.batchSize(), environment.clock());
  }

  /** Until stopped; the batch in hand is finished first. A failure ends the loop. */
  @Override
  protected void loop() {
    try (KafkaConsumer<String, byte[]> requests = requestConsumer();
        KafkaConsumer<String, byte[]> checkpoints = checkpointConsumer();
        KafkaProducer<String, byte[]> producer = producer()) {
      producer.initTransactions();
      TransactionalStep step = new TransactionalStep(producer, requests);
      requests.subscribe(List.of(Topic.ROLLOUT_REQUESTS.topicName()), new DropRevoked());
      ready();
      while (!stopping()) {
        List<ConsumerRecord<String, byte[]>> batch = fill(requests);
        if (batch.isEmpty() || stopping()) {
          continue;
        }
        readCheckpoints(checkpoints);
        process(batch, requests, step);
      }
    }
  }

  /**
   * Polls until the batch holds batch-size samples or the batch wait has passed since the first.
   */
  private List<ConsumerRecord<String, byte[]>> fill(KafkaConsumer<String, byte[]> consumer) {
    long idleFrom = System.nanoTime();
    long deadline = Long.MAX_VALUE;
    while (!stopping()) {
      Duration wait =
          deadline == Long.MAX_VALUE
              ? Duration.ofMillis(200)
              : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
        pending.computeIfAbsent(partition(record), p -> new ArrayList<>()).add(record);
        pendingSamples += samplesOf(record);
        if (deadline == Long.MAX_VALUE) {
          deadline = System.nanoTime() + config.batchWait().toNanos();
          metrics.idle(Duration.ofNanos(System.nanoTime() - idleFrom));
        }
      }
      if (pendingSamples >= config.batchSize()
          || (deadline != Long.MAX_VALUE && System.nanoTime() >= deadline)) {
        break;
      }
    }
    if (deadline == Long.MAX_VALUE) {
      metrics.idle(Duration.ofNanos(System.nanoTime() - idleFrom));
    }
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
    pending.values().forEach(batch::addAll);
    return batch;
  }

  private void process(
      List<ConsumerRecord<String, byte[]>> batch,
      KafkaConsumer<String, byte[]> consumer,
      TransactionalStep step) {
    long began = System.nanoTime();
    List<RolloutRequest> requests = new ArrayList<>();
    Map<RolloutRequest, Instant> received = new HashMap<>();
    Outgoing out = new Outgoing();
    for (ConsumerRecord<String, byte[]> record : batch) {
      Decoded<RolloutRequest> decoded = REQUESTS.read(record);
      if (decoded.isEvent()) {
        requests.add(decoded.event());
        received.put(decoded.event(), Instant.ofEpochMilli(record.timestamp()));
      } else {
        out.deadLetter(deadLetters.report(decoded.deadLetter()));
      }
      out.consumed(record);
    }
    RolloutGenerator.Result result = generator.generate(requests, received);
    Instant now = environment.clock().instant();
    for (Trace trace : result.traces()) {
      out.send(Topic.TRACES, trace.getProblem().getProblemId(), trace);
    }
    result
        .unserved()
        .forEach(
            (request, reason) -> {
              LOG.warnf("cannot serve request %s: %s", request.getRequestId(), reason);
              for (TraceFate fate : UnservedRequests.fates(request, reason, now)) {
                out.send(Topic.TRACE_FATES, fate.getTraceId(), fate);
              }
            });
    try {
      step.commit(out); // fencing escapes: another instance owns these partitions now, stop
    } catch (TransactionAbortedException e) {
      LOG.warnf("transaction aborted, the batch will be redone: %s", e.getCause().getMessage());
      rewind(consumer);
      return;
    } finally {
      pending.clear();
      pendingSamples = 0;
    }
    metrics.batch(result, config.batchSize(), Duration.ofNanos(System.nanoTime() - began));
  }

  /** Seeks back to the first uncommitted record of every partition in hand. */
  private void rewind(KafkaConsumer<String, byte[]> consumer) {
    pending.forEach((partition, records) -> consumer.seek(partition, records.get(0).offset()));
  }

  /** Reads every checkpoint event published so far, so a request never outruns its version. */
  private void readCheckpoints(KafkaConsumer<String, byte[]> consumer) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        try {
          if (CODEC.decode(record.value(), DeadLetters.location(record))
              instanceof CheckpointPublished checkpoint) {
            versions.published(checkpoint);
          }
        } catch (EventDecodingException e) {
          LOG.warnf("skipping an unreadable checkpoint event: %s", e.getMessage());
        }
      }
    }
  }

  /** The traces a record asks for (an unreadable one counts as one). */
  private static int samplesOf(ConsumerRecord<String, byte[]> record) {
    try {
      return Math.max(1, REQUESTS.decode(record).getSamples());
    } catch (EventDecodingException e) {
      return 1;
    }
  }

  /** After a rebalance took partitions away: the traces the records still in hand ask for. */
  private void recount() {
    pendingSamples = 0;
    pending.values().forEach(records -> records.forEach(r -> pendingSamples += samplesOf(r)));
  }

  private static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  /**
   * Records of partitions taken away are dropped: they were not committed, the new owner reads
   * them.
   */
  private final class DropRevoked implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(pending::remove);
      recount();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(pending::remove);
      recount();
    }
  }

  private KafkaConsumer<String, byte[]> requestConsumer() {
    Properties p =
        KafkaClients.readCommittedConsumer(
            environment.bootstrapServers(), GROUP, config.sessionTimeout());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "brevity-sampler-" + config.id());
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaConsumer<String, byte[]> checkpointConsumer() {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            KafkaClients.readCommittedConsumer(environment.bootstrapServers(), null, null),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    KafkaClients.assignFromBeginning(consumer, Topic.CHECKPOINTS.topicName());
    return consumer;
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties p =
        KafkaClients.transactionalProducer(
            environment.bootstrapServers(),
            "brevity-sampler-" + config.id() + "-" + UUID.randomUUID(),
            Duration.ofSeconds(30));
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
