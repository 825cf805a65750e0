package dev.brevity.service;

import dev.brevity.schemas.kafka.Partitions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Settings of the plain Kafka clients that services use for exactly-once loops: consumers that see
 * only committed records and commit their offsets inside producer transactions.
 */
public final class KafkaClients {

  private KafkaClients() {}

  /**
   * A consumer in {@code groupId} that reads committed records only, from the earliest offset when
   * the group has none, and never commits by itself; {@code groupId} null for one that is assigned
   * partitions instead.
   */
  public static Properties readCommittedConsumer(
      String bootstrapServers, String groupId, Duration sessionTimeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (sessionTimeout != null) {
      p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
      p.put(
          ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
          (int) Math.max(500, sessionTimeout.toMillis() / 5));
    }
    return p;
  }

  /**
   * Assigns {@code consumer} every partition of {@code topic}, positioned at its beginning (a
   * consumer outside any group that reads the whole topic).
   *
   * @return the partitions
   */
  public static List<TopicPartition> assignFromBeginning(Consumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = Partitions.assignAll(consumer, topic);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  /** A transactional producer: {@code transactionalId} fences any earlier producer with it. */
  public static Properties transactionalProducer(
      String bootstrapServers, String transactionalId, Duration transactionTimeout) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
    return p;
  }
}
