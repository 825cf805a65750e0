package dev.brevity.evalservice;

import dev.brevity.events.ScoredTrace;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.service.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds the dashboard: reads every topic it shows from the beginning and then follows them, as a
 * read_committed consumer without a group (each instance sees everything and commits nothing). The
 * dashboard only reads: a record that is not an event is counted, and its topic's owner
 * dead-letters it.
 */
final class DashboardFeed implements Runnable {

  private static final Logger LOG = Logger.getLogger(DashboardFeed.class);
  private static final EventCodec CODEC = EventCodec.standard();

  /** The topics the dashboard shows. */
  static final List<Topic> TOPICS =
      List.of(
          Topic.RUNS,
          Topic.CHECKPOINTS,
          Topic.EVAL_RESULTS,
          Topic.TRAINING_METRICS,
          Topic.TRACE_FATES,
          Topic.SCORED_TRACES,
          Topic.REPLAYED_TRACES);

  private final Dashboard dashboard;
  private final String bootstrapServers;
  private volatile boolean stopping;
  private volatile boolean caughtUp;

  DashboardFeed(Dashboard dashboard, String bootstrapServers) {
    this.dashboard = dashboard;
    this.bootstrapServers = bootstrapServers;
  }

  void stop() {
    stopping = true;
  }

  /** True once the feed has assigned its topics and polled them at least once. */
  boolean following() {
    return caughtUp;
  }

  @Override
  public void run() {
    while (!stopping) {
      try (KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(
              KafkaClients.readCommittedConsumer(bootstrapServers, null, null),
              new StringDeserializer(),
              new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = partitions(consumer);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (!stopping) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
            try {
              Object event = CODEC.decode(record.value(), DeadLetters.location(record));
              if (record.topic().equals(Topic.REPLAYED_TRACES.topicName())
                  && event instanceof ScoredTrace replayed) {
                dashboard.acceptReplayed(replayed); // kept apart from the run's own scores
              } else {
                dashboard.accept(event);
              }
            } catch (EventDecodingException e) {
              dashboard.unreadable();
            }
          }
          caughtUp = true;
        }
      } catch (RuntimeException e) {
        if (!stopping) {
          LOG.errorf(e, "dashboard feed failed; reading again from the beginning");
          dashboard.clear();
          sleep();
        }
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic topic : TOPICS) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName());
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic.topicName() + " does not exist yet");
      }
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    return partitions;
  }

  private static void sleep() {
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
