package dev.brevity.cli.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic the way a command line tool should: no consumer group (nothing is committed),
 * {@code read_committed} (aborted and open transactions stay invisible), every partition, up to the
 * end offsets as they were when reading started — or on, record by record, when following.
 */
public final class TopicReader {

  /** How long to wait for the cluster to answer at all before giving up with a clear message. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration POLL = Duration.ofMillis(200);

  private TopicReader() {}

  /** Where reading starts. */
  public enum Start {
    BEGINNING,
    END
  }

  /**
   * Reads {@code topic} from {@code start}, handing each record to {@code each} until it returns
   * false, or until the end offsets captured at the start are reached (unless {@code follow}).
   *
   * @throws IllegalArgumentException if the cluster does not answer or has no such topic
   */
  public static void read(
      String bootstrap,
      String topic,
      Start start,
      boolean follow,
      Predicate<ConsumerRecord<String, byte[]>> each) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions = partitions(consumer, bootstrap, topic);
      consumer.assign(partitions);
      if (start == Start.BEGINNING) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      // read_committed: the last stable offsets, so an open transaction does not hold us up
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (follow || !reached(consumer, partitions, end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (!each.test(record)) {
            return;
          }
        }
      }
    }
  }

  /** Reads {@code topic} from the beginning to its current end. */
  public static void readAll(
      String bootstrap, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
    read(
        bootstrap,
        topic,
        Start.BEGINNING,
        false,
        record -> {
          each.accept(record);
          return true;
        });
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<String, byte[]> consumer, String bootstrap, String topic) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, CONNECT_TIMEOUT);
    } catch (TimeoutException e) {
      throw new IllegalArgumentException(
          "no Kafka cluster answered at "
              + bootstrap
              + " within "
              + CONNECT_TIMEOUT.toSeconds()
              + " s (--bootstrap HOST:PORT)",
          e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException(
          "the cluster at "
              + bootstrap
              + " has no topic "
              + topic
              + " (./brevity topics --bootstrap "
              + bootstrap
              + " creates Brevity's topics)");
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : infos) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    return partitions;
  }

  /** A consumer as every command line reader uses it: no group, read_committed, no auto-create. */
  public static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
