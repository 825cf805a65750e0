package dev.brevity.service;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one exactly-once step publishes: records in the order added, then dead letters in the order
 * added, and the consumer offsets to commit with them — the next offset to read of every partition
 * consumed. {@link TransactionalStep#commit} commits it all in one Kafka transaction.
 */
public final class Outgoing {

  private static final EventCodec CODEC = EventCodec.standard();

  private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<TopicPartition, Long> offsets = new LinkedHashMap<>();

  /** Adds a record as it is. */
  public Outgoing send(ProducerRecord<String, byte[]> record) {
    records.add(record);
    return this;
  }

  /** Adds {@code event}, single-object encoded, on {@code topic} with {@code key}. */
  public Outgoing send(Topic topic, String key, SpecificRecord event) {
    return send(new ProducerRecord<>(topic.topicName(), key, CODEC.encode(event)));
  }

  /** Adds a dead letter; dead letters go out after every other record. */
  public Outgoing deadLetter(DeadLetter letter) {
    deadLetters.add(letter);
    return this;
  }

  /** Marks {@code record} consumed: its partition's offset moves past it (never back). */
  public Outgoing consumed(ConsumerRecord<?, ?> record) {
    offsets.merge(
        new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    return this;
  }

  /** Sets the next offset to read of {@code partition}, as it is. */
  public Outgoing offset(TopicPartition partition, long nextOffset) {
    offsets.put(partition, nextOffset);
    return this;
  }

  /** Every record to produce: the records, then the dead letters. */
  public List<ProducerRecord<String, byte[]>> records() {
    List<ProducerRecord<String, byte[]>> all = new ArrayList<>(records);
    deadLetters.forEach(letter -> all.add(letter.toRecord()));
    return all;
  }

  public List<DeadLetter> deadLetters() {
    return Collections.unmodifiableList(deadLetters);
  }

  /** The offsets to commit, by partition; empty when nothing was consumed. */
  public Map<TopicPartition, OffsetAndMetadata> offsets() {
    Map<TopicPartition, OffsetAndMetadata> commit = new LinkedHashMap<>();
    offsets.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
    return commit;
  }
}
