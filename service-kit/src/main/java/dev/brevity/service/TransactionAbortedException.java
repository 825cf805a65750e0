package dev.brevity.service;

import org.apache.kafka.common.KafkaException;

/**
 * A {@link TransactionalStep} failed with a Kafka error and its transaction was aborted: nothing of
 * it is visible to read_committed readers, no offset moved, and the producer can run the next
 * transaction. The consumed records are to be processed again. The cause is the original error.
 */
public final class TransactionAbortedException extends KafkaException {

  public TransactionAbortedException(KafkaException cause) {
    super("transaction aborted: " + cause.getMessage(), cause);
  }

  @Override
  public synchronized KafkaException getCause() {
    return (KafkaException) super.getCause();
  }
}
