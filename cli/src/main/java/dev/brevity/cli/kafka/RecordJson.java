package dev.brevity.cli.kafka;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One Kafka record as one JSON object: {@code topic}, {@code partition}, {@code offset}, {@code
 * timestamp} (the record's, ISO-8601 UTC), {@code key}, {@code headers} (when it has any: name →
 * UTF-8 text), and {@code value}:
 *
 * <ul>
 *   <li>on a topic of Brevity events, the decoded event ({@link AvroJson});
 *   <li>on brevity.dead-letters, which keeps the original bytes, the bytes as UTF-8 text when they
 *       are valid UTF-8, else base64, with {@code valueEncoding} saying which;
 *   <li>a record that does not decode: {@code value} null, {@code error} the reason and {@code
 *       valueBase64} the bytes.
 * </ul>
 */
public final class RecordJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  public static ObjectNode of(Topic topic, ConsumerRecord<String, byte[]> record) {
    ObjectNode line = NODES.objectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    line.put("key", record.key());
    if (record.headers().toArray().length > 0) {
      ObjectNode headers = line.putObject("headers");
      for (Header header : record.headers()) {
        headers.put(header.key(), text(header.value()));
      }
    }
    byte[] value = record.value();
    if (value == null) {
      line.putNull("value");
    } else if (topic.valueTypes().isEmpty()) {
      String utf8 = utf8(value);
      line.put("value", utf8 != null ? utf8 : Base64.getEncoder().encodeToString(value));
      line.put("valueEncoding", utf8 != null ? "utf-8" : "base64");
    } else {
      try {
        line.set(
            "value",
            AvroJson.toJson(
                EventCodec.standard()
                    .decode(
                        value,
                        new RecordLocation(record.topic(), record.partition(), record.offset()))));
      } catch (RuntimeException e) {
        line.putNull("value");
        line.put("error", e.getMessage());
        line.put("valueBase64", Base64.getEncoder().encodeToString(value));
      }
    }
    return line;
  }

  private static String text(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String utf8 = utf8(bytes);
    return utf8 != null ? utf8 : Base64.getEncoder().encodeToString(bytes);
  }

  /** The bytes as text if they are valid UTF-8, else null. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
