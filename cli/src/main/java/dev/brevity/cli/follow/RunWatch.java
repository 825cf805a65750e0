package dev.brevity.cli.follow;

import dev.brevity.cli.kafka.TopicReader;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

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
    this.consumer = TopicReader.consumer(bootstrapServers);
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
  public static void readToEnd(String bootstrapServers, RunTracker tracker) {
    for (Topic topic : TOPICS) { // the tracker needs order within a topic only
      TopicReader.readAll(bootstrapServers, topic.topicName(), record -> apply(tracker, record));
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
