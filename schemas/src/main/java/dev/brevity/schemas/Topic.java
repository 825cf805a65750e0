package dev.brevity.schemas;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one declarative list of Brevity's topics. The broker command creates them from it, and the
 * deployment manifests are generated from it; nothing else names partitions or retention.
 */
public enum Topic {
  RUNS(
      "brevity.runs",
      1,
      Cleanup.COMPACT,
      Retention.FOREVER,
      "runId (RunRequested), runId/status (RunStatus)",
      List.of(RunRequested.class, RunStatus.class)),
  ROLLOUT_REQUESTS(
      "brevity.rollout-requests",
      4,
      Cleanup.DELETE,
      Retention.days(7),
      "problemId",
      List.of(RolloutRequest.class)),
  TRACES("brevity.traces", 4, Cleanup.DELETE, Retention.FOREVER, "problemId", List.of(Trace.class)),
  REFERENCE_STATS(
      "brevity.reference-stats",
      1,
      Cleanup.COMPACT,
      Retention.FOREVER,
      "runId/problemId",
      List.of(ReferenceStats.class)),
  SCORED_TRACES(
      "brevity.scored-traces",
      4,
      Cleanup.DELETE,
      Retention.FOREVER,
      "problemId",
      List.of(ScoredTrace.class)),
  /**
   * Traces re-scored with another reward by {@code brevity replay --publish}: what-if scores, kept
   * apart from the scores the trainer consumes.
   */
  REPLAYED_TRACES(
      "brevity.replayed-traces",
      4,
      Cleanup.DELETE,
      Retention.FOREVER,
      "problemId",
      List.of(ScoredTrace.class)),
  CHECKPOINTS(
      "brevity.checkpoints",
      1,
      Cleanup.DELETE,
      Retention.FOREVER,
      "runId",
      List.of(CheckpointPublished.class)),
  TRAINING_METRICS(
      "brevity.training-metrics",
      1,
      Cleanup.DELETE,
      Retention.FOREVER,
      "runId",
      List.of(TrainingStep.class)),
  TRACE_FATES(
      "brevity.trace-fates",
      4,
      Cleanup.DELETE,
      Retention.FOREVER,
      "traceId",
      List.of(TraceFate.class)),
  EVAL_RESULTS(
      "brevity.eval-results",
      1,
      Cleanup.DELETE,
      Retention.FOREVER,
      "runId",
      List.of(EvalCompleted.class)),
  /** Records no service could process: original key and bytes, plus headers naming the error. */
  DEAD_LETTERS(
      "brevity.dead-letters", 1, Cleanup.DELETE, Retention.days(30), "original key", List.of());

  /** Kafka's {@code cleanup.policy}. */
  public enum Cleanup {
    DELETE,
    COMPACT;

    String configValue() {
      return name().toLowerCase();
    }
  }

  /** Kafka's {@code retention.ms}; {@link #FOREVER} keeps every record. */
  public record Retention(long millis) {
    public static final Retention FOREVER = new Retention(-1);

    static Retention days(int days) {
      return new Retention(Duration.ofDays(days).toMillis());
    }
  }

  private final String topicName;
  private final int partitions;
  private final Cleanup cleanup;
  private final Retention retention;
  private final String key;
  private final List<Class<? extends SpecificRecord>> valueTypes;

  Topic(
      String topicName,
      int partitions,
      Cleanup cleanup,
      Retention retention,
      String key,
      List<Class<? extends SpecificRecord>> valueTypes) {
    this.topicName = topicName;
    this.partitions = partitions;
    this.cleanup = cleanup;
    this.retention = retention;
    this.key = key;
    this.valueTypes = valueTypes;
  }

  /** The Kafka topic name, e.g. {@code brevity.traces}. */
  public String topicName() {
    return topicName;
  }

  /** Default partition count; for sampled topics this bounds the parallelism of a group. */
  public int partitions() {
    return partitions;
  }

  public Cleanup cleanup() {
    return cleanup;
  }

  public Retention retention() {
    return retention;
  }

  /** What the record key holds. */
  public String key() {
    return key;
  }

  /** The events this topic carries (empty for dead letters, which keep the original bytes). */
  public List<Class<? extends SpecificRecord>> valueTypes() {
    return valueTypes;
  }

  /** Topic-level Kafka configs: {@code cleanup.policy} and {@code retention.ms}. */
  public Map<String, String> configs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("cleanup.policy", cleanup.configValue());
    configs.put("retention.ms", Long.toString(retention.millis()));
    return configs;
  }

  /** The topic with this Kafka name, if it is one of Brevity's. */
  public static Optional<Topic> find(String topicName) {
    for (Topic topic : values()) {
      if (topic.topicName.equals(topicName)) {
        return Optional.of(topic);
      }
    }
    return Optional.empty();
  }
}
