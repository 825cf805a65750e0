package dev.brevity.service;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.kafka.DeadLetters;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads consumed records as Brevity events of one type (any released schema version, through {@link
 * EventCodec#standard()}). A record that is no event, or an event of another type, is refused with
 * an {@link EventDecodingException} that names the record's topic, partition and offset — or,
 * through {@link #read}, turned into its {@link DeadLetter}. Decoding has no side effects: whoever
 * sends the dead letter reports it ({@link DeadLetterLog}).
 *
 * @param <T> the event type; {@code SpecificRecord} for any event
 */
public final class EventDecoder<T extends SpecificRecord> {

  private static final EventCodec CODEC = EventCodec.standard();

  private final Class<T> type;

  private EventDecoder(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A decoder of events of {@code type}; {@code SpecificRecord.class} accepts every event. */
  public static <T extends SpecificRecord> EventDecoder<T> of(Class<T> type) {
    return new EventDecoder<>(type);
  }

  /**
   * The record's event.
   *
   * @throws EventDecodingException if the value is not an event, or is an event of another type
   *     ("Trace does not belong on brevity.rollout-requests")
   */
  public T decode(ConsumerRecord<String, byte[]> record) {
    RecordLocation location = DeadLetters.location(record);
    SpecificRecord event = CODEC.decode(record.value(), location);
    if (!type.isInstance(event)) {
      throw new EventDecodingException(
          location,
          event.getClass().getSimpleName() + " does not belong on " + record.topic(),
          null);
    }
    return type.cast(event);
  }

  /** The record's event, or its dead letter with the reason; never throws for a bad record. */
  public Decoded<T> read(ConsumerRecord<String, byte[]> record) {
    try {
      return Decoded.event(decode(record));
    } catch (EventDecodingException e) {
      return Decoded.deadLetter(new DeadLetter(record, e));
    }
  }
}
