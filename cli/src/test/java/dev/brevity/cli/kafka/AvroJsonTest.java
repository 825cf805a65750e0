package dev.brevity.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brevity.events.FinishReason;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.Trace;
import dev.brevity.testsupport.SampleEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  @Test
  void aGeneratedEventBecomesAnObjectWithNestedRecordsEnumsArraysAndIsoTimestamps() {
    Trace trace = SampleEvents.trace("run-1", "r1/0", "3 + 8 = 11 \\boxed{11}", FinishReason.EOS);

    JsonNode json = AvroJson.toJson(trace);

    assertThat(json.path("traceId").asText()).isEqualTo("r1/0");
    assertThat(json.path("occurredAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(json.path("finishReason").asText()).isEqualTo("EOS");
    assertThat(json.path("purpose").asText()).isEqualTo("TRAINING");
    assertThat(json.path("problem").path("answer").asText()).isEqualTo("11");
    assertThat(json.path("problem").path("difficulty").asInt()).isEqualTo(2);
    assertThat(json.path("sampling").path("temperature").isFloat()).isTrue();
    assertThat(json.path("sampling").path("temperature").asDouble()).isEqualTo(1.0);
    assertThat(json.path("completionTokenIds").toString()).isEqualTo("[10,11,12,13,14,15]");
    assertThat(json.path("logProbs").get(0).toString()).isEqualTo("-0.5");
    assertThat(json.path("policyVersion").asLong()).isEqualTo(1);
    // fields in schema order
    assertThat(json.fieldNames().next()).isEqualTo("eventId");
  }

  @Test
  void unionsGiveTheValueItselfOrNull() {
    RunStatus status =
        RunStatus.newBuilder()
            .setEventId("e1")
            .setRunId("run-1")
            .setOccurredAt(Instant.ofEpochMilli(1_500))
            .setState(RunState.RUNNING)
            .setPolicyVersion(7L)
            .setMessage(null)
            .build();

    JsonNode json = AvroJson.toJson(status);

    assertThat(json.path("policyVersion").isIntegralNumber()).isTrue();
    assertThat(json.path("policyVersion").asLong()).isEqualTo(7);
    assertThat(json.path("message").isNull()).isTrue();
    assertThat(json.path("trainerState").isNull()).isTrue();
    assertThat(json.path("state").asText()).isEqualTo("RUNNING");
    assertThat(json.path("occurredAt").asText()).isEqualTo("1970-01-01T00:00:01.500Z");
  }

  @Test
  void genericRecordsWithBytesFixedMapsRawTimestampsAndNonFiniteNumbers() {
    Schema schema =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Sample", "fields": [
                  {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "raw", "type": "bytes"},
                  {"name": "id", "type": {"type": "fixed", "name": "Id", "size": 2}},
                  {"name": "counts", "type": {"type": "map", "values": "int"}},
                  {"name": "ratio", "type": "double"},
                  {"name": "flag", "type": "boolean"},
                  {"name": "either", "type": ["null", "string", "int"]},
                  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}}
                ]}
                """);
    GenericRecord record = new GenericData.Record(schema);
    record.put("at", 0L);
    record.put("raw", ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
    record.put("id", new GenericData.Fixed(schema.getField("id").schema(), new byte[] {1, 2}));
    record.put("counts", Map.of("x", 3));
    record.put("ratio", Double.NaN);
    record.put("flag", true);
    record.put("either", 5);
    record.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "B"));

    JsonNode json = AvroJson.toJson(record);

    assertThat(json.toString())
        .isEqualTo(
            "{\"at\":\"1970-01-01T00:00:00Z\",\"raw\":\"aGk=\",\"id\":\"AQI=\","
                + "\"counts\":{\"x\":3},\"ratio\":\"NaN\",\"flag\":true,\"either\":5,\"kind\":\"B\"}");
  }

  @Test
  void arraysOfRecordsNest() {
    Schema item =
        new Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"I\", \"fields\": [{\"name\": \"n\", \"type\": \"int\"}]}");
    GenericRecord one = new GenericData.Record(item);
    one.put("n", 1);
    assertThat(AvroJson.toJson(List.of(one), Schema.createArray(item)).toString())
        .isEqualTo("[{\"n\":1}]");
  }
}
