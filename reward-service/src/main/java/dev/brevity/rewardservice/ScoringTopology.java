package dev.brevity.rewardservice;

import dev.brevity.schemas.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The reward-service as a Kafka Streams topology:
 *
 * <pre>
 *   brevity.traces ──▶ score ──▶ brevity.scored-traces
 *                        │  ├──▶ brevity.reference-stats
 *                        │  └──▶ brevity.dead-letters
 *                        ├── pending-groups (local, changelogged)
 *                        ├── runs             (global, from brevity.runs)
 *                        └── reference-stats  (global, from brevity.reference-stats)
 * </pre>
 */
final class ScoringTopology {

  static final String PENDING_GROUPS = "pending-groups";
  static final String RUNS = "runs";
  static final String REFERENCE_STATS = "reference-stats";
  static final String SCORED_SINK = "scored-traces-sink";
  static final String REFERENCE_SINK = "reference-stats-sink";
  static final String DEAD_LETTER_SINK = "dead-letters-sink";

  private ScoringTopology() {}

  static Topology build(String defaultSpec, Clock clock, MeterRegistry metrics) {
    Topology topology = new Topology();
    topology.addSource(
        "traces", new StringDeserializer(), new ByteArrayDeserializer(), Topic.TRACES.topicName());
    topology.addProcessor(
        "score", () -> new ScoringProcessor(defaultSpec, clock, metrics), "traces");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(PENDING_GROUPS), Serdes.String(), Serdes.ByteArray()),
        "score");
    addTable(topology, RUNS, Topic.RUNS.topicName());
    addTable(topology, REFERENCE_STATS, Topic.REFERENCE_STATS.topicName());
    StringSerializer keys = new StringSerializer();
    ByteArraySerializer values = new ByteArraySerializer();
    topology.addSink(SCORED_SINK, Topic.SCORED_TRACES.topicName(), keys, values, "score");
    topology.addSink(REFERENCE_SINK, Topic.REFERENCE_STATS.topicName(), keys, values, "score");
    topology.addSink(DEAD_LETTER_SINK, Topic.DEAD_LETTERS.topicName(), keys, values, "score");
    return topology;
  }

  /**
   * A global store holding the latest value of every key of a compacted topic, as raw bytes
   * (decoded where read), on every instance.
   */
  private static void addTable(Topology topology, String store, String topic) {
    StoreBuilder<KeyValueStore<String, byte[]>> builder =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled();
    topology.addGlobalStore(
        builder,
        store + "-source",
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        topic,
        store + "-update",
        () -> new LatestValue(store));
  }

  /** Keeps the latest value of each key; a tombstone deletes it. */
  private static final class LatestValue implements Processor<String, byte[], Void, Void> {
    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    LatestValue(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
