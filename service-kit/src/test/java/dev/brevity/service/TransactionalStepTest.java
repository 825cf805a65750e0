package dev.brevity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.RolloutRequest;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import dev.brevity.testsupport.SampleEvents;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionalStepTest {

  private static final String REQUESTS = Topic.ROLLOUT_REQUESTS.topicName();

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private TransactionalStep step;

  @BeforeEach
  void init() {
    producer.initTransactions();
    step = new TransactionalStep(producer, consumer);
  }

  private static ConsumerRecord<String, byte[]> consumed(int partition, long offset) {
    return new ConsumerRecord<>(REQUESTS, partition, offset, "k", new byte[] {1, 2});
  }

  private static Outgoing aStep() {
    RolloutRequest request = SampleEvents.rolloutRequest("run-1", "req-1", 2);
    DeadLetter letter = new DeadLetter(consumed(0, 4), new IllegalStateException("unreadable"));
    return new Outgoing()
        .deadLetter(letter)
        .send(Topic.ROLLOUT_REQUESTS, "p-req-1", request)
        .send(new ProducerRecord<>(Topic.TRACES.topicName(), "x", new byte[] {9}))
        .consumed(consumed(0, 4))
        .consumed(consumed(0, 6))
        .consumed(consumed(0, 5))
        .consumed(consumed(1, 0));
  }

  @Test
  void commitsTheRecordsDeadLettersLastAndTheNextOffsetsInOneTransaction() {
    step.commit(aStep());

    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.commitCount()).isEqualTo(1);
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly(REQUESTS, Topic.TRACES.topicName(), Topic.DEAD_LETTERS.topicName());
    assertThat(EventCodec.standard().decode(producer.history().get(0).value(), null))
        .isInstanceOf(RolloutRequest.class);
    assertThat(producer.consumerGroupOffsetsHistory())
        .containsExactly(
            Map.of(
                consumer.groupMetadata().groupId(),
                Map.of(
                    new TopicPartition(REQUESTS, 0), new OffsetAndMetadata(7),
                    new TopicPartition(REQUESTS, 1), new OffsetAndMetadata(1))));
  }

  @Test
  void anExplicitOffsetIsTakenAsItIs() {
    Outgoing out =
        new Outgoing().consumed(consumed(0, 9)).offset(new TopicPartition(REQUESTS, 0), 3);

    assertThat(out.offsets())
        .containsExactly(Map.entry(new TopicPartition(REQUESTS, 0), new OffsetAndMetadata(3)));
  }

  @Test
  void withoutOffsetsOnlyTheRecordsCommit() {
    step.commit(new Outgoing().send(new ProducerRecord<>(REQUESTS, "k", new byte[] {1})));

    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.sentOffsets()).isFalse();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void aKafkaErrorAbortsTheTransactionAndTheProducerGoesOn() {
    KafkaException broken = new KafkaException("broker away");
    producer.commitTransactionException = broken;

    assertThatThrownBy(() -> step.commit(aStep()))
        .isInstanceOf(TransactionAbortedException.class)
        .hasMessage("transaction aborted: broker away")
        .hasCause(broken);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(producer.transactionCommitted()).isFalse();
    assertThat(producer.history()).isEmpty();

    producer.commitTransactionException = null;
    step.commit(aStep());
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.history()).hasSize(3);
  }

  @Test
  void fencingIsRethrownAsItIsWithoutAnAbort() {
    producer.fenceProducer();

    assertThatThrownBy(() -> step.commit(aStep())).isInstanceOf(ProducerFencedException.class);
    assertThat(producer.transactionAborted()).isFalse();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void fencingAtTheCommitIsNotAborted() {
    producer.commitTransactionException = new ProducerFencedException("a newer producer");

    assertThatThrownBy(() -> step.commit(aStep())).isInstanceOf(ProducerFencedException.class);
    assertThat(producer.transactionAborted()).isFalse();
    assertThat(producer.transactionCommitted()).isFalse();
  }

  @Test
  void anErrorThatIsNoKafkaErrorIsRethrownAfterTheAbort() {
    IllegalStateException bug = new IllegalStateException("a bug");
    producer.sendException = bug;

    assertThatThrownBy(() -> step.commit(aStep())).isSameAs(bug);
    assertThat(producer.transactionAborted()).isTrue();
  }

  @Test
  void aFailedAbortIsThrownWithTheOriginalErrorSuppressed() {
    KafkaException broken = new KafkaException("broker away");
    KafkaException abortFailed = new KafkaException("cannot abort");
    producer.commitTransactionException = broken;
    producer.abortTransactionException = abortFailed;

    assertThatThrownBy(() -> step.commit(aStep()))
        .isSameAs(abortFailed)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(broken));
  }

  @Test
  void deadLettersAreListedInTheOrderAdded() {
    DeadLetter first = new DeadLetter(consumed(0, 1), new IllegalStateException("one"));
    DeadLetter second = new DeadLetter(consumed(0, 2), new IllegalStateException("two"));

    assertThat(new Outgoing().deadLetter(first).deadLetter(second).deadLetters())
        .containsExactly(first, second);
  }
}
