package dev.brevity.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.RolloutRequest;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunStatus;
import dev.brevity.events.Trace;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private final EventCodec codec = EventCodec.standard();
  private final RecordLocation location = new RecordLocation("brevity.traces", 3, 1234);

  static Iterable<Class<? extends SpecificRecord>> events() {
    return EventTypes.ALL;
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventRoundTrips(Class<? extends SpecificRecord> type) {
    SpecificRecord event = new SampleRecords(42).sample(type);

    byte[] bytes = codec.encode(event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes, location)).isEqualTo(event);
  }

  @Test
  void oneTopicCarriesSeveralEventTypes() {
    SampleRecords samples = new SampleRecords(7);
    byte[] requested = codec.encode(samples.sample(RunRequested.class));
    byte[] status = codec.encode(samples.sample(RunStatus.class));

    assertThat(codec.decode(requested, location)).isInstanceOf(RunRequested.class);
    assertThat(codec.decode(status, location)).isInstanceOf(RunStatus.class);
  }

  @Test
  void garbageNamesTopicPartitionAndOffset() {
    byte[] garbage = "{\"not\": \"avro\"}".getBytes();

    assertDecodeFails(
        garbage, "brevity.traces-3 at offset 1234", "not an Avro single-object encoded event");
  }

  @Test
  void unknownFingerprintIsNamed() {
    byte[] bytes = codec.encode(new SampleRecords(1).sample(Trace.class));
    bytes[5] ^= 0x5A; // corrupt the fingerprint

    assertDecodeFails(bytes, "unknown schema fingerprint");
  }

  @Test
  void truncatedBodyIsCorrupt() {
    byte[] bytes = codec.encode(new SampleRecords(2).sample(Trace.class));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

    assertDecodeFails(truncated, "corrupt Trace body");
  }

  @Test
  void nullValueIsAnError() {
    assertDecodeFails(null, "no value");
  }

  @Test
  void typedDecodeRejectsAnotherEvent() {
    byte[] bytes = codec.encode(new SampleRecords(3).sample(Trace.class));

    assertThat(codec.decode(Trace.class, bytes, location)).isInstanceOf(Trace.class);
    assertThatThrownBy(() -> codec.decode(RolloutRequest.class, bytes, location))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("expected RolloutRequest but found Trace");
  }

  /** Asserts that decoding {@code bytes} fails with a message containing each of {@code parts}. */
  private void assertDecodeFails(byte[] bytes, String... parts) {
    assertThatThrownBy(() -> codec.decode(bytes, location))
        .isInstanceOf(EventDecodingException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(parts));
  }
}
