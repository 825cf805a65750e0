package dev.brevity.service;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * The exactly-once commit of a consume-process-produce loop: a step's {@link Outgoing} records and
 * the consumer's offsets go out in ONE Kafka transaction, so a read_committed reader sees all of it
 * or none, and a crash before the commit redelivers the consumed records. Offsets are committed
 * with the consumer's current group metadata, so a consumer that lost its partitions in a rebalance
 * cannot commit over their new owner.
 *
 * <p>How {@link #commit} fails:
 *
 * <ul>
 *   <li>{@link ProducerFencedException}, rethrown as it is and not aborted: a newer producer with
 *       the same transactional id took over. This producer can do nothing more; the caller must
 *       stop using it (and, with a per-instance id, stop: another instance owns the work).
 *   <li>{@link TransactionAbortedException}: any other Kafka error; the transaction was aborted and
 *       the producer can go on. The caller processes the consumed records again.
 *   <li>any other exception: a failure that is no Kafka error, rethrown as it is after the
 *       transaction was aborted; or the abort's own failure (the original one suppressed in it),
 *       after which the producer cannot be trusted.
 * </ul>
 */
public final class TransactionalStep {

  private final Producer<String, byte[]> producer;
  private final Consumer<?, ?> consumer;

  /**
   * @param producer a transactional producer whose transactions are initialised ({@link
   *     Producer#initTransactions()})
   * @param consumer the consumer whose group the offsets are committed for
   */
  public TransactionalStep(Producer<String, byte[]> producer, Consumer<?, ?> consumer) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  /**
   * Sends every record of {@code outgoing} and its offsets (none: no offsets are sent) in one
   * transaction and commits it; see the class comment for how it fails.
   */
  public void commit(Outgoing outgoing) {
    producer.beginTransaction();
    try {
      for (ProducerRecord<String, byte[]> record : outgoing.records()) {
        producer.send(record);
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = outgoing.offsets();
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
    } catch (ProducerFencedException e) {
      throw e;
    } catch (RuntimeException e) {
      abort(e);
      if (e instanceof KafkaException kafka) {
        throw new TransactionAbortedException(kafka);
      }
      throw e;
    }
  }

  private void abort(RuntimeException cause) {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      e.addSuppressed(cause);
      throw e;
    }
  }
}
