package dev.brevity.schemas.kafka;

import dev.brevity.schemas.RecordLocation;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What goes to {@code brevity.dead-letters}: the original key and bytes, and headers naming where
 * the record came from and why it could not be processed. Header names match SmallRye Reactive
 * Messaging's dead-letter queue, so every dead letter reads the same whoever wrote it.
 */
public final class DeadLetters {

  public static final String REASON = "dead-letter-reason";
  public static final String EXCEPTION = "dead-letter-exception-class-name";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";

  private DeadLetters() {}

  /** Where a consumed record came from. */
  public static RecordLocation location(ConsumerRecord<?, ?> record) {
    return new RecordLocation(record.topic(), record.partition(), record.offset());
  }

  /** The original record's headers plus the dead-letter headers. */
  public static Headers headers(ConsumerRecord<?, ?> original, Throwable error) {
    return headers(original.headers(), location(original), error);
  }

  /** {@code original} headers plus the dead-letter headers of a record read at {@code location}. */
  public static Headers headers(Headers original, RecordLocation location, Throwable error) {
    RecordHeaders headers = new RecordHeaders(original.toArray());
    put(headers, REASON, String.valueOf(error.getMessage()));
    put(headers, EXCEPTION, error.getClass().getName());
    put(headers, TOPIC, location.topic());
    put(headers, PARTITION, Integer.toString(location.partition()));
    put(headers, OFFSET, Long.toString(location.offset()));
    return headers;
  }

  /** A header's value as text, or null if absent. */
  public static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
