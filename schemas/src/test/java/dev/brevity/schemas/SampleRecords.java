package dev.brevity.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Fills any event schema with seeded pseudo-random values, so tests cover every event type. */
final class SampleRecords {

  private final Random random;
  private boolean logicalTypes;

  SampleRecords(long seed) {
    random = new Random(seed);
  }

  /** A fully populated instance of a generated event class. */
  <T extends SpecificRecord> T sample(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    logicalTypes = true; // generated classes hold timestamps as Instant
    GenericRecord generic = (GenericRecord) value(EventTypes.currentSchema(type));
    return type.cast(model.deepCopy(generic.getSchema(), generic));
  }

  /** A fully populated generic record of any schema (also older versions of an event). */
  GenericRecord sample(Schema schema) {
    logicalTypes = false; // plain generic data holds timestamps as long
    return (GenericRecord) value(schema);
  }

  private Object value(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema()));
        }
        yield record;
      }
      case ENUM -> {
        List<String> symbols = schema.getEnumSymbols();
        yield new GenericData.EnumSymbol(schema, symbols.get(random.nextInt(symbols.size())));
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4) + 1; i > 0; i--) {
          items.add(value(schema.getElementType()));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k" + random.nextInt(100), value(schema.getValueType()));
        yield map;
      }
      case UNION -> value(schema.getTypes().get(1));
      case STRING -> "s" + random.nextInt(1_000_000);
      case INT -> random.nextInt(10_000);
      case LONG -> {
        long millis = random.nextInt(1_000_000_000);
        boolean timestamp = schema.getLogicalType() instanceof LogicalTypes.TimestampMillis;
        yield timestamp && logicalTypes ? Instant.ofEpochMilli(millis) : millis;
      }
      case FLOAT -> random.nextFloat();
      case DOUBLE -> random.nextDouble();
      case BOOLEAN -> random.nextBoolean();
      default -> throw new IllegalArgumentException("no sample for " + schema.getType());
    };
  }
}
