package dev.brevity.service;

import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A consumed record a service gives up on, and why: it goes to {@code brevity.dead-letters} with
 * its original key and bytes and the dead-letter headers of {@link DeadLetters} (reason, exception
 * class, source topic, partition and offset).
 */
public record DeadLetter(ConsumerRecord<String, byte[]> original, Throwable reason) {

  public DeadLetter {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(reason, "reason");
  }

  /** The topic the record was read from. */
  public String sourceTopic() {
    return original.topic();
  }

  /** The record to produce: on brevity.dead-letters, the original key and value, the headers. */
  public ProducerRecord<String, byte[]> toRecord() {
    return new ProducerRecord<>(
        Topic.DEAD_LETTERS.topicName(),
        null,
        original.key(),
        original.value(),
        DeadLetters.headers(original, reason));
  }
}
