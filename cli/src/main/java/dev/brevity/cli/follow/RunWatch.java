package dev.brevity.cli.follow;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Feeds a {@link RunTracker} from Kafka: reads the run topics from their beginning, committed
 * records only, without a consumer group (it commits nothing and disturbs no service).
 */
public final class RunWatch implements AutoCloseable {

  /** The topics a run's progress is read from. */
  static final List<Topic> TOPICS =
      List.of(Topic.RUNS, Topic.CHECKPOINTS, Topic.REFERENCE_STATS, Topic.EVAL_RESULTS);

  private static final EventCodec CODEC = EventCodec.standard();

  private final KafkaConsumer<String, byte[]> consumer;
  private final RunTracker tracker;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile RuntimeException failure;

  private RunWatch(String bootstrapServers, RunTracker tracker) {
    this.consumer = consumer(bootstrapServers);
    this.tracker = tracker;
    List<TopicPartition> partitions = partitions(consumer);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::follow, "run-watch");
    thread.setDaemon(true);
  }

  /** Starts following into {@code tracker} in the background. */
  public static RunWatch follow(String bootstrapServers, RunTracker tracker) {
    RunWatch watch = new RunWatch(bootstrapServers, tracker);
    watch.thread.start();
    return watch;
  }

  /** Reads every record up to the current end of the topics into {@code tracker}, then returns. */
  public static void readToEnd(String bootstrapServers, RunTracker tracker, Duration timeout) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read the run topics within " + timeout.toSeconds() + " s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> apply(tracker, r));
      }
    }
  }

  /** The error that stopped the watch, if one did. */
  public RuntimeException failure() {
    return failure;
  }

  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void follow() {
    try {
      while (!stopping) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> apply(tracker, r));
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  private static void apply(RunTracker tracker, ConsumerRecord<String, byte[]> record) {
    try {
      Object event =
          CODEC.decode(
              record.value(),
              new RecordLocation(record.topic(), record.partition(), record.offset()));
      tracker.accept(event, Instant.ofEpochMilli(record.timestamp()));
    } catch (EventDecodingException e) {
      // an unreadable record: the services dead-letter it; progress does not depend on it
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "brevity-cli-watch");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic topic : TOPICS) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName());
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException(
            "topic "
                + topic.topicName()
                + " does not exist: create the topics first (brevity topics --bootstrap ...)");
      }
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    return partitions;
  }
}
