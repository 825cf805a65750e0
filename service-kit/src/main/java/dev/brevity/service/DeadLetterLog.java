package dev.brevity.service;

import java.util.Objects;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * How a service reports the dead letters it sends: each one is logged as a warning with its reason
 * and counted by its source topic (the service's {@code brevity.dead.letters{topic}} counter).
 */
public final class DeadLetterLog {

  private static final Logger LOG = Logger.getLogger(DeadLetterLog.class);

  private final Consumer<String> countByTopic;

  /**
   * @param countByTopic counts one dead letter of the given source topic
   */
  public DeadLetterLog(Consumer<String> countByTopic) {
    this.countByTopic = Objects.requireNonNull(countByTopic, "countByTopic");
  }

  /** Logs and counts {@code letter}; returns it, to be sent. */
  public DeadLetter report(DeadLetter letter) {
    LOG.warnf("dead-lettering a record: %s", letter.reason().getMessage());
    countByTopic.accept(letter.sourceTopic());
    return letter;
  }
}
