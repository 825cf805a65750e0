package dev.brevity.cli.bench;

import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.kafka.Partitions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One hop of an event through Kafka, timed from encoding to decoding: a transactional producer
 * (idempotent, acks=all, as every service's exactly-once loop; linger 5 ms as the sampler) sends
 * the event in its own transaction and commits it, and a read_committed consumer assigned to every
 * partition of the topic polls until the event arrives and decodes it. The settings mirror
 * service-kit's {@code KafkaClients}, which the command line does not depend on; the partitions
 * come from schemas' {@link Partitions}, as there.
 */
final class KafkaHop implements AutoCloseable {

  /** Longest a single hop may take before the benchmark gives up. */
  private static final Duration HOP_TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final EventCodec codec = EventCodec.standard();
  private long sent;

  KafkaHop(String bootstrapServers, String topic) {
    this.topic = topic;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "brevity-bench-" + UUID.randomUUID());
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofSeconds(30).toMillis());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = Partitions.assignAll(consumer, topic);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end offsets before the first send
  }

  /** Milliseconds from encoding {@code event} to holding it decoded on the consumer's side. */
  double millis(String key, SpecificRecord event) {
    String id = key + "#" + sent++;
    long started = System.nanoTime();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, id, codec.encode(event)));
    producer.commitTransaction();
    long deadline = started + HOP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        SpecificRecord decoded =
            codec.decode(
                record.value(),
                new RecordLocation(record.topic(), record.partition(), record.offset()));
        if (record.key().equals(id) && decoded != null) {
          return (System.nanoTime() - started) / 1e6;
        }
      }
    }
    throw new IllegalStateException("no record came back from " + topic + " within " + HOP_TIMEOUT);
  }

  /** The encoded size of {@code event} in bytes. */
  int size(SpecificRecord event) {
    return codec.encode(event).length;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
