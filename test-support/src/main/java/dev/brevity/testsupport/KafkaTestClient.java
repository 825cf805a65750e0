package dev.brevity.testsupport;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain Kafka client for tests: produce events or raw bytes, and wait for records. */
public final class KafkaTestClient {

  private final String bootstrapServers;

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Produces one event (single-object encoded) and waits for the broker's acknowledgement. */
  public void send(String topic, String key, SpecificRecord event) {
    sendBytes(topic, key, EventCodec.standard().encode(event));
  }

  /** Produces events in order, with one producer, as fast as the broker takes them. */
  public void sendAll(
      String topic, List<? extends Map.Entry<String, ? extends SpecificRecord>> events) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, ? extends SpecificRecord> event : events) {
        producer.send(
            new ProducerRecord<>(
                topic, event.getKey(), EventCodec.standard().encode(event.getValue())));
      }
      producer.flush();
    }
  }

  /** Produces raw bytes, e.g. a record no Brevity schema can decode. */
  public void sendBytes(String topic, String key, byte[] value) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot produce to " + topic, e.getCause());
    }
  }

  /**
   * Reads {@code topic} from the beginning until a record matches, or fails after {@code timeout}.
   */
  public ConsumerRecord<String, byte[]> awaitRecord(
      String topic, Duration timeout, Predicate<ConsumerRecord<String, byte[]>> matches) {
    List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      readFromBeginning(consumer, topic);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          seen.add(record);
          if (matches.test(record)) {
            return record;
          }
        }
      }
    }
    throw new AssertionError(
        "no matching record on " + topic + " within " + timeout + " (" + seen.size() + " seen)");
  }

  /** Waits for the dead letter of the record produced with {@code key}. */
  public ConsumerRecord<String, byte[]> awaitDeadLetter(String key, Duration timeout) {
    return awaitRecord(Topic.DEAD_LETTERS.topicName(), timeout, record -> key.equals(record.key()));
  }

  /** Waits for an event of {@code type} on {@code topic} that satisfies {@code matches}. */
  public <T extends SpecificRecord> T awaitEvent(
      String topic, Class<T> type, Duration timeout, Predicate<T> matches) {
    ConsumerRecord<String, byte[]> record =
        awaitRecord(
            topic,
            timeout,
            candidate -> {
              Object event = decode(candidate);
              return type.isInstance(event) && matches.test(type.cast(event));
            });
    return type.cast(decode(record));
  }

  /**
   * Reads {@code topic} from the beginning, as a read_committed consumer sees it, until at least
   * {@code expected} events of {@code type} match, then for {@code settle} more (so that
   * duplicates, if any, show up too). Returns every match, in the order read.
   *
   * @throws AssertionError if fewer than {@code expected} match within {@code timeout}
   */
  public <T extends SpecificRecord> List<T> awaitEvents(
      String topic,
      Class<T> type,
      int expected,
      Duration timeout,
      Duration settle,
      Predicate<T> matches) {
    List<T> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      readFromBeginning(consumer, topic);
      long deadline = System.nanoTime() + timeout.toNanos();
      long settled = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settled)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Object event = decode(record);
          if (type.isInstance(event) && matches.test(type.cast(event))) {
            found.add(type.cast(event));
          }
        }
        if (found.size() >= expected && settled == Long.MAX_VALUE) {
          settled = System.nanoTime() + settle.toNanos();
        }
      }
    }
    if (found.size() < expected) {
      throw new AssertionError(
          found.size() + " of " + expected + " events on " + topic + " within " + timeout);
    }
    return found;
  }

  /**
   * {@link #awaitEvents} for one run: the events of {@code type} on {@code topic} whose {@code
   * runId} is {@code runId}.
   */
  public <T extends SpecificRecordBase> List<T> awaitRunEvents(
      Topic topic, Class<T> type, String runId, int expected, Duration timeout, Duration settle) {
    return awaitEvents(
        topic.topicName(),
        type,
        expected,
        timeout,
        settle,
        event -> runId.equals(String.valueOf(event.get("runId"))));
  }

  /**
   * Waits until consumer group {@code groupId} is stable with at least {@code members} members that
   * each hold a partition: work sent after this is shared between them.
   *
   * @throws AssertionError if that does not happen within {@code timeout}
   */
  public void awaitGroupMembers(String groupId, int members, Duration timeout) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not described yet";
    try (Admin admin = Admin.create(props)) {
      while (System.nanoTime() < deadline) {
        ConsumerGroupDescription group =
            admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId);
        long assigned =
            group.members().stream()
                .filter(m -> !m.assignment().topicPartitions().isEmpty())
                .count();
        if (group.groupState() == GroupState.STABLE && assigned >= members) {
          return;
        }
        last = group.groupState() + " with " + assigned + " assigned member(s)";
        Thread.sleep(200);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe group " + groupId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    throw new AssertionError(
        "group "
            + groupId
            + " not stable with "
            + members
            + " members in "
            + timeout
            + ": "
            + last);
  }

  /**
   * The event in {@code record}, or null for records that are not events (skipped while waiting).
   */
  private static Object decode(ConsumerRecord<String, byte[]> record) {
    try {
      return EventCodec.standard()
          .decode(
              record.value(),
              new RecordLocation(record.topic(), record.partition(), record.offset()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void readFromBeginning(KafkaConsumer<String, byte[]> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic)) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
