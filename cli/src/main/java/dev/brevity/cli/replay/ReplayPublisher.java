package dev.brevity.cli.replay;

import dev.brevity.events.ScoredTrace;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes re-scored traces to brevity.replayed-traces in one Kafka transaction: a {@code
 * read_committed} reader sees all of a replay or none of it. Keys are problem ids, as on
 * brevity.scored-traces; event ids are the scorer's (trace id and reward version), so the same
 * replay published twice has the same ids.
 */
public final class ReplayPublisher {

  private ReplayPublisher() {}

  /** Publishes {@code scored}; returns how many records were committed. */
  public static int publish(String bootstrap, List<ScoredTrace> scored) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // one-shot: a fresh id (nothing to fence), unique per invocation
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "brevity-replay-" + UUID.randomUUID());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    String topic = Topic.REPLAYED_TRACES.topicName();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      try {
        for (ScoredTrace trace : scored) {
          producer.send(
              new ProducerRecord<>(
                  topic,
                  trace.getTrace().getProblem().getProblemId(),
                  EventCodec.standard().encode(trace)));
        }
        producer.commitTransaction();
      } catch (KafkaException e) {
        producer.abortTransaction();
        throw e;
      }
    }
    return scored.size();
  }
}
