package dev.brevity.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brevity.events.FinishReason;
import dev.brevity.events.Trace;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import dev.brevity.testsupport.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  private static ConsumerRecord<String, byte[]> record(
      String topic, String key, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(
        topic,
        2,
        41,
        1_000L,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        key,
        value,
        headers,
        Optional.empty());
  }

  @Test
  void anEventRecordCarriesItsCoordinatesAndTheDecodedEvent() {
    Trace trace = SampleEvents.trace("run-1", "r1/0", "3 + 8 = 11 \\boxed{11}", FinishReason.EOS);
    byte[] bytes = EventCodec.standard().encode(trace);

    JsonNode line =
        RecordJson.of(Topic.TRACES, record("brevity.traces", "p-1", bytes, new RecordHeaders()));

    assertThat(line.path("topic").asText()).isEqualTo("brevity.traces");
    assertThat(line.path("partition").asInt()).isEqualTo(2);
    assertThat(line.path("offset").asLong()).isEqualTo(41);
    assertThat(line.path("timestamp").asText()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(line.path("key").asText()).isEqualTo("p-1");
    assertThat(line.has("headers")).isFalse();
    assertThat(line.path("value").path("traceId").asText()).isEqualTo("r1/0");
    assertThat(line.path("value").path("completionText").asText())
        .isEqualTo("3 + 8 = 11 \\boxed{11}");
  }

  @Test
  void aDeadLetterShowsItsHeadersAndItsBytesAsTextOrBase64() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("dead-letter-reason", "bad".getBytes(StandardCharsets.UTF_8)));

    JsonNode text =
        RecordJson.of(
            Topic.DEAD_LETTERS,
            record("brevity.dead-letters", "k", "hello".getBytes(StandardCharsets.UTF_8), headers));
    JsonNode binary =
        RecordJson.of(
            Topic.DEAD_LETTERS,
            record(
                "brevity.dead-letters", "k", new byte[] {(byte) 0xC3, 0x01, (byte) 0xFF}, headers));

    assertThat(text.path("headers").path("dead-letter-reason").asText()).isEqualTo("bad");
    assertThat(text.path("value").asText()).isEqualTo("hello");
    assertThat(text.path("valueEncoding").asText()).isEqualTo("utf-8");
    assertThat(binary.path("value").asText()).isEqualTo("wwH/");
    assertThat(binary.path("valueEncoding").asText()).isEqualTo("base64");
  }

  @Test
  void anUndecodableRecordSaysWhyAndKeepsItsBytes() {
    JsonNode line =
        RecordJson.of(
            Topic.TRACES, record("brevity.traces", "k", new byte[] {1, 2, 3}, new RecordHeaders()));

    assertThat(line.path("value").isNull()).isTrue();
    assertThat(line.path("error").asText()).contains("not an Avro single-object encoded event");
    assertThat(line.path("valueBase64").asText()).isEqualTo("AQID");
  }
}
