package dev.brevity.rewardservice;

import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.ReferenceStatistics;
import dev.brevity.reward.VersionedReward;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.EventDecodingException;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.scoring.TraceScorer;
import dev.brevity.scoring.TraceScorer.GroupScore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Scores each trace read off brevity.traces. A trace whose reward needs its siblings, or that is a
 * reference sample, waits in the {@code pending-groups} store (changelogged, so it survives a crash
 * or a rebalance) until all K traces of its request are there; the group is then scored at once
 * and, for reference samples, its statistics published. A trace that cannot be read or scored goes
 * to the dead-letter sink with the reason. Every output and the consumed offsets commit together
 * (exactly-once processing).
 */
final class ScoringProcessor implements Processor<String, byte[], String, byte[]> {

  private static final Logger LOG = Logger.getLogger(ScoringProcessor.class);
  private static final EventCodec CODEC = EventCodec.standard();

  private final String defaultSpec;
  private final Clock clock;
  private final MeterRegistry metrics;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> pending;
  private KeyValueStore<String, byte[]> references;
  private RunRewards rewards;

  ScoringProcessor(String defaultSpec, Clock clock, MeterRegistry metrics) {
    this.defaultSpec = defaultSpec;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.pending = context.getStateStore(ScoringTopology.PENDING_GROUPS);
    this.references = context.getStateStore(ScoringTopology.REFERENCE_STATS);
    KeyValueStore<String, byte[]> runs = context.getStateStore(ScoringTopology.RUNS);
    this.rewards = new RunRewards(defaultSpec, runs::get);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordLocation location = location();
    try {
      Trace trace = decode(record.value(), location);
      VersionedReward reward = rewards.of(trace.getRunId(), trace.getStage());
      boolean reference = trace.getPurpose() == RolloutPurpose.REFERENCE;
      ReferenceStatistics stats = reference ? null : storedReference(trace, reward);
      if (!TraceScorer.needsWholeGroup(trace, reward)) {
        complete(List.of(trace), reward, stats, record);
        return;
      }
      String prefix = trace.getRequestId() + "/";
      pending.put(prefix + trace.getSampleIndex(), record.value());
      List<KeyValue<String, Trace>> group = pendingGroup(prefix, trace.getRequestId());
      if (group.size() >= trace.getSamples()) {
        List<Trace> traces = group.stream().map(kv -> kv.value).toList();
        try {
          complete(traces, reward, stats, record);
        } catch (RuntimeException e) { // the whole group leaves the store: dead-letter all of it
          traces.forEach(t -> deadLetter(record.withValue(CODEC.encode(t)), location, e));
        }
        group.forEach(kv -> pending.delete(kv.key));
      }
    } catch (RuntimeException e) {
      deadLetter(record, location, e);
    }
  }

  /** Scores a complete group and forwards its scored traces (and statistics, for reference). */
  private void complete(
      List<Trace> group,
      VersionedReward reward,
      ReferenceStatistics stats,
      Record<String, byte[]> in) {
    GroupScore result = TraceScorer.scoreGroup(group, reward, stats, clock.instant());
    ReferenceStats referenceStats = result.referenceStats();
    if (referenceStats != null) {
      String key =
          TraceScorer.referenceKey(referenceStats.getRunId(), referenceStats.getProblemId());
      context.forward(
          new Record<>(key, CODEC.encode(referenceStats), in.timestamp()),
          ScoringTopology.REFERENCE_SINK);
    }
    for (ScoredTrace scored : result.traces()) {
      context.forward(
          new Record<>(
              scored.getTrace().getProblem().getProblemId(), CODEC.encode(scored), in.timestamp()),
          ScoringTopology.SCORED_SINK);
      metrics.counter("brevity.reward.scored", "reward", scored.getRewardVersion()).increment();
    }
  }

  /** The traces of a request waiting so far, in sample order. */
  private List<KeyValue<String, Trace>> pendingGroup(String prefix, String requestId) {
    List<KeyValue<String, Trace>> group = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = pending.prefixScan(prefix, new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        Trace trace = decode(entry.value, RecordLocation.ofTopic(ScoringTopology.PENDING_GROUPS));
        if (trace.getRequestId().equals(requestId)) {
          group.add(KeyValue.pair(entry.key, trace));
        }
      }
    }
    group.sort(Comparator.comparingInt(kv -> kv.value.getSampleIndex()));
    return group;
  }

  /**
   * The problem's reference statistics when the reward needs them; an error when there are none.
   */
  private ReferenceStatistics storedReference(Trace trace, VersionedReward reward) {
    if (!reward.needsReference()) {
      return null;
    }
    String key = TraceScorer.referenceKey(trace.getRunId(), trace.getProblem().getProblemId());
    byte[] bytes = references.get(key);
    if (bytes == null) {
      throw new IllegalArgumentException(
          reward.spec()
              + " needs reference statistics of problem "
              + trace.getProblem().getProblemId()
              + " in run "
              + trace.getRunId()
              + ", and brevity.reference-stats has none: sample the reference policy first");
    }
    return TraceScorer.statistics(
        (ReferenceStats) CODEC.decode(bytes, RecordLocation.ofTopic(key)));
  }

  private static Trace decode(byte[] bytes, RecordLocation location) {
    Object event = CODEC.decode(bytes, location);
    if (event instanceof Trace trace) {
      return trace;
    }
    throw new EventDecodingException(
        location,
        event.getClass().getSimpleName() + " does not belong on " + location.topic(),
        null);
  }

  private void deadLetter(
      Record<String, byte[]> record, RecordLocation location, Exception reason) {
    LOG.warnf("dead-lettering the record at %s: %s", location, reason.getMessage());
    context.forward(
        new Record<>(
            record.key(),
            record.value(),
            record.timestamp(),
            DeadLetters.headers(record.headers(), location, reason)),
        ScoringTopology.DEAD_LETTER_SINK);
    metrics.counter("brevity.dead.letters", "topic", location.topic()).increment();
  }

  private RecordLocation location() {
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    return new RecordLocation(metadata.topic(), metadata.partition(), metadata.offset());
  }
}
