package dev.brevity.schemas.kafka;

import dev.brevity.schemas.EventCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for Brevity events (single-object encoding, no registry). */
public final class EventSerializer implements Serializer<SpecificRecord> {

  @Override
  public byte[] serialize(String topic, SpecificRecord event) {
    return event == null ? null : EventCodec.standard().encode(event);
  }
}
