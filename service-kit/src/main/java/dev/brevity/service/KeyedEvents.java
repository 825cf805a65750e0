package dev.brevity.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Outgoing events with the Kafka key the topic table prescribes. */
public final class KeyedEvents {

  private KeyedEvents() {}

  /** A message carrying {@code event} under {@code key}. */
  public static <T extends SpecificRecord> Message<T> keyed(String key, T event) {
    return Message.of(event)
        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
  }
}
