package dev.brevity.trainer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed records of brevity.scored-traces are settled, and so which offsets a transaction
 * may commit. A record is held while its trace waits to be trained; the committed offset of a
 * partition stops at its first held record, so a crash redelivers everything not yet decided.
 * Settled records beyond that offset are remembered by trace id ({@link #settledAhead}) and skipped
 * when they are read again.
 */
final class OffsetLedger {

  private record Entry(boolean held, boolean remember) {}

  private final Map<TopicPartition, TreeMap<Long, Entry>> records = new HashMap<>();
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private final Map<String, TopicPartition> partitionOfHeld = new HashMap<>();
  private final Map<String, Long> offsetOfHeld = new HashMap<>();

  /**
   * A record was read.
   *
   * @param traceId the trace it carries (needed for held records)
   * @param held its trace now waits to be trained
   * @param remember whether a restart must skip it once settled (the run's own records, and
   *     unreadable ones already dead-lettered); other runs' records need not be remembered
   */
  void consumed(
      TopicPartition partition, long offset, String traceId, boolean held, boolean remember) {
    records.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, new Entry(held, remember));
    next.merge(partition, offset + 1, Math::max);
    if (held) {
      partitionOfHeld.put(traceId, partition);
      offsetOfHeld.put(traceId, offset);
    }
  }

  /** These traces have their fates now. */
  void settled(Collection<String> traceIds) {
    for (String traceId : traceIds) {
      TopicPartition partition = partitionOfHeld.remove(traceId);
      Long offset = offsetOfHeld.remove(traceId);
      if (partition != null) {
        records.get(partition).put(offset, new Entry(false, true));
      }
    }
  }

  /** The offsets to commit: each partition's first held record, or past everything read. */
  Map<TopicPartition, Long> commitOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    next.forEach(
        (partition, after) -> {
          Long firstHeld =
              records.getOrDefault(partition, new TreeMap<>()).entrySet().stream()
                  .filter(e -> e.getValue().held())
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElse(null);
          offsets.put(partition, firstHeld != null ? firstHeld : after);
        });
    return offsets;
  }

  /** Positions of settled records at or beyond the commit offsets: a restart must skip them. */
  List<String> settledAhead() {
    Map<TopicPartition, Long> commit = commitOffsets();
    List<String> ahead = new ArrayList<>();
    records.forEach(
        (partition, entries) ->
            entries
                .tailMap(commit.get(partition), true)
                .forEach(
                    (offset, e) -> {
                      if (!e.held() && e.remember()) {
                        ahead.add(position(partition, offset));
                      }
                    }));
    return ahead;
  }

  /** A record's position as {@link #settledAhead} lists it: {@code topic-partition@offset}. */
  static String position(TopicPartition partition, long offset) {
    return partition + "@" + offset;
  }

  /** Starts a new run's consumer group at these offsets (the topic's end when the run began). */
  void startAt(Map<TopicPartition, Long> offsets) {
    offsets.forEach((partition, offset) -> next.merge(partition, offset, Math::max));
  }

  /** Forgets records below the commit offsets (call after the commit). */
  void prune() {
    Map<TopicPartition, Long> commit = commitOffsets();
    records.forEach((partition, entries) -> entries.headMap(commit.get(partition)).clear());
  }

  /** The trace ids held now (for tests and diagnostics). */
  Set<String> held() {
    return new HashSet<>(partitionOfHeld.keySet());
  }
}
