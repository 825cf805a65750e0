package dev.brevity.cli.replay;

import dev.brevity.cli.kafka.TopicReader;
import dev.brevity.cli.replay.RunHistory.OriginalScore;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RunRequested;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a run's history off the cluster: its RunRequested on brevity.runs, its traces, reference
 * statistics and original scores, each topic from the beginning to its end offsets at the time.
 */
public final class RunHistoryReader {

  private static final EventCodec CODEC = EventCodec.standard();

  private final String bootstrap;
  private int unreadable;

  private RunHistoryReader(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * @throws IllegalArgumentException if brevity.runs has no RunRequested of {@code runId}
   */
  public static RunHistory read(String bootstrap, String runId) {
    RunHistoryReader reader = new RunHistoryReader(bootstrap);
    RunRequested run = reader.run(runId);
    List<Trace> traces = new ArrayList<>();
    reader.each(
        Topic.TRACES,
        Trace.class,
        trace -> {
          if (trace.getRunId().equals(runId)) {
            traces.add(trace);
          }
        });
    Map<String, ReferenceStats> references = new HashMap<>();
    reader.each(
        Topic.REFERENCE_STATS,
        ReferenceStats.class,
        stats -> {
          if (stats.getRunId().equals(runId)) {
            references.put(stats.getProblemId(), stats);
          }
        });
    Map<String, List<OriginalScore>> scores = new HashMap<>();
    reader.each(
        Topic.SCORED_TRACES,
        ScoredTrace.class,
        scored -> {
          if (scored.getRunId().equals(runId)) {
            scores
                .computeIfAbsent(scored.getTraceId(), id -> new ArrayList<>())
                .add(OriginalScore.of(scored));
          }
        });
    return new RunHistory(run, traces, references, scores, reader.unreadable);
  }

  private RunRequested run(String runId) {
    RunRequested[] latest = new RunRequested[1];
    each(
        Topic.RUNS,
        SpecificRecord.class,
        event -> {
          if (event instanceof RunRequested run && run.getRunId().equals(runId)) {
            latest[0] = run;
          }
        });
    if (latest[0] == null) {
      throw new IllegalArgumentException(
          "unknown run "
              + runId
              + ": brevity.runs at "
              + bootstrap
              + " has no RunRequested for it");
    }
    return latest[0];
  }

  /** Hands each event of {@code type} on {@code topic} to {@code each}; counts the others. */
  private <T extends SpecificRecord> void each(Topic topic, Class<T> type, Consumer<T> each) {
    TopicReader.readAll(
        bootstrap,
        topic.topicName(),
        record -> {
          T event = decode(record, type);
          if (event != null) {
            each.accept(event);
          }
        });
  }

  private <T extends SpecificRecord> T decode(
      ConsumerRecord<String, byte[]> record, Class<T> type) {
    if (record.value() == null) {
      return null; // a tombstone on a compacted topic
    }
    try {
      return CODEC.decode(
          type,
          record.value(),
          new RecordLocation(record.topic(), record.partition(), record.offset()));
    } catch (RuntimeException e) {
      unreadable++;
      return null;
    }
  }
}
