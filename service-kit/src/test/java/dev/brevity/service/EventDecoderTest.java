package dev.brevity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.FinishReason;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.Trace;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private static final String REQUESTS = Topic.ROLLOUT_REQUESTS.topicName();
  private final EventDecoder<RolloutRequest> decoder = EventDecoder.of(RolloutRequest.class);

  static ConsumerRecord<String, byte[]> record(String topic, long offset, String key, byte[] v) {
    return new ConsumerRecord<>(topic, 2, offset, key, v);
  }

  @Test
  void readsAnEventOfItsType() {
    RolloutRequest request = SampleEvents.rolloutRequest("run-1", "req-1", 4);
    var record = record(REQUESTS, 7, "p-req-1", EventCodec.standard().encode(request));

    assertThat(decoder.decode(record)).isEqualTo(request);
    Decoded<RolloutRequest> decoded = decoder.read(record);
    assertThat(decoded.isEvent()).isTrue();
    assertThat(decoded.event()).isEqualTo(request);
    assertThatThrownBy(decoded::deadLetter).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEventOfAnotherTypeIsADeadLetterSayingItDoesNotBelong() {
    Trace trace = SampleEvents.trace("run-1", "req-1/0", "\\boxed{11}", FinishReason.EOS);
    var record = record(REQUESTS, 7, "k", EventCodec.standard().encode(trace));

    assertThatThrownBy(() -> decoder.decode(record))
        .isInstanceOf(EventDecodingException.class)
        .hasMessage(
            "cannot decode record from "
                + REQUESTS
                + "-2 at offset 7: Trace does not belong on "
                + REQUESTS);
    Decoded<RolloutRequest> decoded = decoder.read(record);
    assertThat(decoded.isEvent()).isFalse();
    assertThatThrownBy(decoded::event).isInstanceOf(IllegalStateException.class);
    assertThat(decoded.deadLetter().original()).isSameAs(record);
    assertThat(decoded.deadLetter().reason()).hasMessageContaining("Trace does not belong on");
  }

  @Test
  void garbageBecomesADeadLetterWithTheOriginalBytesAndTheReasonHeaders() {
    byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
    var record = record(REQUESTS, 11, "key-9", garbage);
    record.headers().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));

    DeadLetter letter = decoder.read(record).deadLetter();
    ProducerRecord<String, byte[]> out = letter.toRecord();

    assertThat(letter.sourceTopic()).isEqualTo(REQUESTS);
    assertThat(out.topic()).isEqualTo(Topic.DEAD_LETTERS.topicName());
    assertThat(out.key()).isEqualTo("key-9");
    assertThat(out.value()).isEqualTo(garbage);
    assertThat(out.partition()).isNull();
    assertThat(DeadLetters.header(out.headers(), DeadLetters.REASON))
        .startsWith("cannot decode record from " + REQUESTS + "-2 at offset 11: not an Avro");
    assertThat(DeadLetters.header(out.headers(), DeadLetters.EXCEPTION))
        .isEqualTo(EventDecodingException.class.getName());
    assertThat(DeadLetters.header(out.headers(), DeadLetters.TOPIC)).isEqualTo(REQUESTS);
    assertThat(DeadLetters.header(out.headers(), DeadLetters.PARTITION)).isEqualTo("2");
    assertThat(DeadLetters.header(out.headers(), DeadLetters.OFFSET)).isEqualTo("11");
    assertThat(DeadLetters.header(out.headers(), "trace-id")).isEqualTo("abc");
  }

  @Test
  void aNullValueIsADeadLetter() {
    var record = record(REQUESTS, 0, "k", null);

    assertThat(decoder.read(record).deadLetter().reason()).hasMessageContaining("no value");
  }

  @Test
  void theDecoderOfEveryEventTakesAnyType() {
    EventDecoder<SpecificRecord> any = EventDecoder.of(SpecificRecord.class);
    Trace trace = SampleEvents.trace("run-1", "req-1/0", "\\boxed{11}", FinishReason.EOS);

    assertThat(any.decode(record(REQUESTS, 0, "k", EventCodec.standard().encode(trace))))
        .isEqualTo(trace);
  }

  @Test
  void theLogCountsEveryReportedLetterByItsSourceTopic() {
    List<String> counted = new ArrayList<>();
    DeadLetterLog log = new DeadLetterLog(counted::add);
    DeadLetter letter = decoder.read(record(REQUESTS, 0, "k", new byte[] {1})).deadLetter();

    assertThat(log.report(letter)).isSameAs(letter);
    assertThat(counted).containsExactly(REQUESTS);
  }
}
