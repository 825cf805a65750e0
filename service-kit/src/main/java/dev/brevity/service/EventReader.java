package dev.brevity.service;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads Brevity events off consumed Kafka records. A record that cannot be decoded, or holds an
 * event that does not belong on its topic, is published to {@code brevity.dead-letters} (original
 * key and bytes, headers naming topic, partition, offset and reason) before this returns, so the
 * caller may acknowledge it: nothing is dropped, and one bad record never stops a consumer.
 */
@ApplicationScoped
public class EventReader {

  /**
   * The outgoing channel of dead letters (configured in META-INF/microprofile-config.properties).
   */
  public static final String DEAD_LETTERS = "dead-letters";

  private static final Logger LOG = Logger.getLogger(EventReader.class);

  @Inject
  @Channel(DEAD_LETTERS)
  MutinyEmitter<byte[]> deadLetters;

  @Inject MeterRegistry registry;

  /**
   * The event of type {@code type} in {@code record}. Empty when the record was dead-lettered, or
   * when it holds another event its topic carries (brevity.runs carries RunRequested and
   * RunStatus).
   */
  public <T extends SpecificRecord> Optional<T> read(
      ConsumerRecord<String, byte[]> record, Class<T> type) {
    return read(record).filter(type::isInstance).map(type::cast);
  }

  /** The event in {@code record}, or empty after dead-lettering it. */
  public Optional<SpecificRecord> read(ConsumerRecord<String, byte[]> record) {
    RecordLocation location = DeadLetters.location(record);
    try {
      SpecificRecord event = EventCodec.standard().decode(record.value(), location);
      Optional<Topic> topic = Topic.find(record.topic());
      if (topic.isPresent() && !topic.get().valueTypes().contains(event.getClass())) {
        throw new EventDecodingException(
            location,
            event.getClass().getSimpleName() + " does not belong on " + record.topic(),
            null);
      }
      return Optional.of(event);
    } catch (EventDecodingException e) {
      deadLetter(record, e);
      return Optional.empty();
    }
  }

  /** Publishes {@code record} as a dead letter and waits for the broker's acknowledgement. */
  public void deadLetter(ConsumerRecord<String, byte[]> record, Exception reason) {
    LOG.warnf("dead-lettering a record: %s", reason.getMessage());
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(record.key())
            .withHeaders(DeadLetters.headers(record, reason))
            .build();
    deadLetters.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
    registry.counter("brevity.dead.letters", "topic", record.topic()).increment();
  }
}
