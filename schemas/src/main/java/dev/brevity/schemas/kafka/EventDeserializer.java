package dev.brevity.schemas.kafka;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Brevity events of any released version. A bad record throws {@link
 * dev.brevity.schemas.EventDecodingException}, which the Kafka consumer reports as a {@code
 * RecordDeserializationException} carrying the partition and offset, so the caller can dead-letter
 * it and seek past.
 */
public final class EventDeserializer implements Deserializer<SpecificRecord> {

  @Override
  public SpecificRecord deserialize(String topic, byte[] bytes) {
    return bytes == null
        ? null
        : EventCodec.standard().decode(bytes, RecordLocation.ofTopic(topic));
  }
}
