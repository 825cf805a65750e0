package dev.brevity.schemas.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** The partitions of a topic, for consumers that are assigned them rather than join a group. */
public final class Partitions {

  private Partitions() {}

  /** Every partition of {@code topic}, as the cluster reports them to {@code consumer}. */
  public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .toList();
  }

  /**
   * Assigns {@code consumer} every partition of {@code topic}, at its committed or reset position.
   *
   * @return the partitions
   */
  public static List<TopicPartition> assignAll(Consumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions = of(consumer, topic);
    consumer.assign(partitions);
    return partitions;
  }
}
