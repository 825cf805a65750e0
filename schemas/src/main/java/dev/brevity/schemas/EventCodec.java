package dev.brevity.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes Brevity events with Avro single-object encoding and no schema registry.
 *
 * <p>Wire format (Avro spec): {@code C3 01}, the writer schema's CRC-64-AVRO fingerprint (8 bytes,
 * little endian), then the Avro binary body. The fingerprint names the writer schema among every
 * released version ({@link SchemaHistory}); the record is resolved to the current generated class.
 * One topic may therefore carry several event types (brevity.runs) and several schema versions.
 */
public final class EventCodec {

  private static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
  private static final int HEADER_LENGTH = MAGIC.length + Long.BYTES;
  private static final EventCodec STANDARD = new EventCodec(SchemaHistory.released());

  private final Map<Long, Class<? extends SpecificRecord>> eventByFingerprint = new HashMap<>();
  private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders = new HashMap<>();
  private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();

  /** A codec that knows the current schemas and every version in {@code history}. */
  public EventCodec(SchemaHistory history) {
    SpecificData model = model();
    for (Class<? extends SpecificRecord> event : EventTypes.ALL) {
      Schema current = EventTypes.currentSchema(event);
      BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(model, current);
      register(event, current);
      for (Schema released : history.versions(event.getSimpleName())) {
        decoder.addSchema(released);
        register(event, released);
      }
      decoders.put(event, decoder);
      encoders.put(event, new BinaryMessageEncoder<>(model, current));
    }
  }

  /** The codec for the released history on the class path; thread-safe. */
  public static EventCodec standard() {
    return STANDARD;
  }

  /**
   * One data model for every event: it instantiates the generated classes from the loader that
   * loaded them (not the thread's context loader, which differs under Quarkus and in workers), and
   * knows their logical-type conversions (timestamp-millis to Instant).
   */
  private static SpecificData model() {
    SpecificData model = new SpecificData(EventCodec.class.getClassLoader());
    for (Class<? extends SpecificRecord> event : EventTypes.ALL) {
      SpecificData.getForClass(event).getConversions().forEach(model::addLogicalTypeConversion);
    }
    return model;
  }

  private void register(Class<? extends SpecificRecord> event, Schema schema) {
    eventByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), event);
  }

  /** The single-object encoding of an event, written with its current schema. */
  public byte[] encode(SpecificRecord event) {
    BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(event.getClass());
    if (encoder == null) {
      throw new IllegalArgumentException(event.getClass().getName() + " is not a Brevity event");
    }
    try {
      ByteBuffer buffer = encoder.encode(event);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes any Brevity event, of any released schema version, into its current class.
   *
   * @throws EventDecodingException naming {@code location} and the reason
   */
  public SpecificRecord decode(byte[] bytes, RecordLocation location) {
    if (bytes == null) {
      throw new EventDecodingException(location, "the record has no value (null)", null);
    }
    if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1]) {
      throw new EventDecodingException(
          location,
          "not an Avro single-object encoded event (starts with 0x"
              + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, HEADER_LENGTH))
              + ")",
          null);
    }
    long fingerprint =
        ByteBuffer.wrap(bytes, MAGIC.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Class<? extends SpecificRecord> event = eventByFingerprint.get(fingerprint);
    if (event == null) {
      throw new EventDecodingException(
          location,
          "unknown schema fingerprint "
              + Long.toHexString(fingerprint)
              + " (no released version of any Brevity event has it)",
          null);
    }
    try {
      return decoders.get(event).decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new EventDecodingException(
          location, "corrupt " + event.getSimpleName() + " body: " + e, e);
    }
  }

  /**
   * Decodes an event that must be of type {@code type}.
   *
   * @throws EventDecodingException if it cannot be decoded or is another event
   */
  public <T extends SpecificRecord> T decode(Class<T> type, byte[] bytes, RecordLocation location) {
    SpecificRecord event = decode(bytes, location);
    if (!type.isInstance(event)) {
      throw new EventDecodingException(
          location,
          "expected " + type.getSimpleName() + " but found " + event.getClass().getSimpleName(),
          null);
    }
    return type.cast(event);
  }
}
