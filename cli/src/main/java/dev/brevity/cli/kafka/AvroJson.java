package dev.brevity.cli.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro values (generic or generated) as plain JSON for people and {@code jq}, not Avro's own JSON
 * encoding:
 *
 * <ul>
 *   <li>records → objects (fields in schema order), maps → objects, arrays → arrays;
 *   <li>enums → their symbol;
 *   <li>unions → the value itself, without Avro's {@code {"type": value}} wrapper (null stays
 *       null);
 *   <li>{@code timestamp-millis} / {@code timestamp-micros} → ISO-8601 strings in UTC ({@code
 *       2026-01-01T00:00:00Z}), whether the value arrives converted ({@link Instant}) or raw;
 *   <li>bytes and fixed → base64 strings; decimals → JSON numbers;
 *   <li>NaN and infinite floats → the strings {@code "NaN"}, {@code "Infinity"}, {@code
 *       "-Infinity"} (JSON has no such numbers).
 * </ul>
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** A record (any generated Brevity event) as a JSON object. */
  public static JsonNode toJson(GenericContainer record) {
    return toJson(record, record.getSchema());
  }

  /** {@code value} as JSON, read according to {@code schema}. */
  public static JsonNode toJson(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case RECORD:
        return record((IndexedRecord) value, schema);
      case ENUM:
        return NODES.textNode(
            value instanceof GenericEnumSymbol<?> symbol ? symbol.toString() : value.toString());
      case ARRAY:
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) value) {
          array.add(toJson(item, schema.getElementType()));
        }
        return array;
      case MAP:
        ObjectNode map = NODES.objectNode();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.set(entry.getKey().toString(), toJson(entry.getValue(), schema.getValueType()));
        }
        return map;
      case UNION:
        return toJson(value, branch(schema, value));
      case STRING:
        return NODES.textNode(value.toString());
      case BYTES:
        if (value instanceof BigDecimal decimal) {
          return NODES.numberNode(decimal);
        }
        return NODES.textNode(base64((ByteBuffer) value));
      case FIXED:
        if (value instanceof BigDecimal decimal) {
          return NODES.numberNode(decimal);
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
      case INT:
      case LONG:
        return integral(value, schema.getLogicalType());
      case FLOAT:
      case DOUBLE:
        return floating((Number) value);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case NULL:
        return NODES.nullNode();
      default:
        throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
    }
  }

  private static ObjectNode record(IndexedRecord record, Schema schema) {
    ObjectNode object = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
    }
    return object;
  }

  /** The branch of a union that {@code value} (not null) belongs to. */
  private static Schema branch(Schema union, Object value) {
    Schema only = null;
    int nonNull = 0;
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        only = branch;
        nonNull++;
      }
    }
    if (nonNull == 1) {
      return only; // ["null", X], every union Brevity's schemas declare
    }
    return union.getTypes().get(GenericData.get().resolveUnion(union, value));
  }

  private static JsonNode integral(Object value, LogicalType logicalType) {
    if (value instanceof Temporal || !(value instanceof Number)) {
      return NODES.textNode(value.toString()); // Instant, LocalDate, LocalTime: ISO-8601
    }
    long number = ((Number) value).longValue();
    if (logicalType instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(number).toString());
    }
    if (logicalType instanceof LogicalTypes.TimestampMicros) {
      return NODES.textNode(
          Instant.ofEpochSecond(
                  Math.floorDiv(number, 1_000_000L), Math.floorMod(number, 1_000_000L) * 1000)
              .toString());
    }
    return value instanceof Integer ? NODES.numberNode((Integer) value) : NODES.numberNode(number);
  }

  private static JsonNode floating(Number value) {
    double number = value.doubleValue();
    if (Double.isNaN(number) || Double.isInfinite(number)) {
      return NODES.textNode(Double.toString(number));
    }
    // a float keeps its own shortest spelling (0.1, not 0.10000000149011612)
    return value instanceof Float f ? NODES.numberNode(f.floatValue()) : NODES.numberNode(number);
  }

  private static String base64(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
