package dev.brevity.trainer;

import dev.brevity.events.RunStatus;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.service.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reading brevity.runs from its beginning to its end, as a read_committed consumer sees it. */
final class RunsTopic {

  private RunsTopic() {}

  /**
   * Hands every record to {@code each}, from the beginning to the end offsets as of the call.
   *
   * @return those end offsets
   */
  static Map<TopicPartition, Long> read(
      KafkaConsumer<String, byte[]> consumer, Consumer<ConsumerRecord<String, byte[]>> each) {
    List<TopicPartition> partitions =
        KafkaClients.assignFromBeginning(consumer, Topic.RUNS.topicName());
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
    return end;
  }

  /** The latest committed RunStatus of {@code runId}, or null. */
  static RunStatus latestStatus(String bootstrapServers, String runId) {
    RunStatus[] latest = new RunStatus[1];
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            KafkaClients.readCommittedConsumer(bootstrapServers, null, null),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      read(
          consumer,
          record -> {
            if (!RunReview.statusKey(runId).equals(record.key())) {
              return;
            }
            try {
              if (EventCodec.standard().decode(record.value(), DeadLetters.location(record))
                  instanceof RunStatus status) {
                latest[0] = status;
              }
            } catch (EventDecodingException e) {
              // not a status: the trainer's scan dead-letters it
            }
          });
    }
    return latest[0];
  }
}
