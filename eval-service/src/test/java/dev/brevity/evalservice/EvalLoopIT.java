package dev.brevity.evalservice;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.brevity.eval.Aes;
import dev.brevity.eval.BudgetForcing.Cue;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.service.KafkaClients;
import dev.brevity.service.ServiceEnvironment;
import dev.brevity.testsupport.KafkaBroker;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.TinyCheckpoints;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's step in this JVM, without Quarkus: an {@link EvalLoop} with a {@link
 * CheckpointEvaluator} on a tiny random base policy and a tiny held-out set (one problem per level,
 * 8 tokens), against the shared broker. A run's checkpoints in: every Nth version evaluated, the
 * reference's results (greedy and budget forcing) with the run's first evaluated version, the run's
 * result on its last checkpoint; an unreadable record, a checkpoint whose files are gone and one
 * whose files do not load dead-lettered with the reason. Each committed once: a second loop in the
 * same consumer group does not redo them. Seconds, where {@link DashboardIT} starts processes.
 */
@KafkaBroker
class EvalLoopIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final String CHECKPOINTS = Topic.CHECKPOINTS.topicName();
  private static final int EVERY = 2;
  private static final int BUDGET = 4;

  /** Evaluate every 2nd version; one problem per level, 8 tokens; one budget-forcing point. */
  private static final EvalSettings SETTINGS =
      new EvalSettings(
          EVERY, 1, 1, 8, 8, 0, 0.7, List.of(BUDGET), Cue.BUNDLED_TASK, 2, new Aes(1, 3, 5));

  private static Path base;
  private static Path[] versions;

  @BeforeAll
  static void tinyCheckpoints() throws Exception {
    base = Files.createTempDirectory("eval-loop-base-");
    TinyCheckpoints.write(base, 1);
    versions = new Path[4];
    for (int v = 1; v <= 3; v++) {
      versions[v] = Files.createTempDirectory("eval-loop-v" + v + "-");
      TinyCheckpoints.write(versions[v], 10 + v);
    }
  }

  @Test
  void evaluatesEveryNthVersionDeadLettersWhatItCannotReadAndCommitsOnce(KafkaTestClient kafka)
      throws Exception {
    String runId = "run-" + UUID.randomUUID();
    String garbage = "garbage-" + UUID.randomUUID();
    String gone = "gone-" + UUID.randomUUID();
    String corrupt = "corrupt-" + UUID.randomUUID();
    Path corruptDir = Files.createTempDirectory("eval-loop-corrupt-");
    Files.writeString(corruptDir.resolve("model.safetensors"), "not safetensors");

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EvalLoop loop = start(kafka, "eval-loop-it-1", registry);
    double checkpointsBefore;
    double deadBefore;
    try {
      // v1 is not an Nth version: nothing to publish, only its offset. Once that is committed,
      // records other tests left on the topic are done too (one partition), and what the
      // counters add from here on is this test's.
      kafka.send(CHECKPOINTS, runId, checkpoint(runId, 1, versions[1], null));
      awaitCommitted(kafka, endOffset(kafka));
      checkpointsBefore = registry.counter("brevity.eval.checkpoints").count();
      deadBefore = registry.counter("brevity.dead.letters", "topic", CHECKPOINTS).count();

      kafka.send(CHECKPOINTS, runId, checkpoint(runId, 2, versions[2], null));
      kafka.sendBytes(CHECKPOINTS, garbage, new byte[] {1, 2, 3});
      kafka.send(CHECKPOINTS, gone, checkpoint(gone, 2, Path.of("/nonexistent/v2"), null));
      kafka.send(CHECKPOINTS, corrupt, checkpoint(corrupt, 2, corruptDir, null));

      // v2 is the run's first evaluation: the reference's results go with it
      List<EvalCompleted> first = evaluations(kafka, runId, 3);
      assertThat(first)
          .extracting(e -> e.getPolicyVersion() + "/" + e.getTokenBudget())
          .containsExactlyInAnyOrder("0/null", "0/" + BUDGET, "2/null");
      assertThat(first).allSatisfy(EvalLoopIT::assertTinyHeldOutSet);
      EvalCompleted v2 = only(first, 2);
      assertThat(v2.getStage()).isEqualTo(1);
      assertThat(v2.getStep()).isEqualTo(2);

      assertDeadLetter(kafka, garbage, "not an Avro single-object encoded event");
      assertDeadLetter(kafka, gone, "no model.safetensors");
      assertDeadLetter(kafka, corrupt, "cannot be evaluated");
      awaitCommitted(kafka, endOffset(kafka));
      assertThat(evaluations(kafka, gone, 0)).isEmpty();
      assertThat(evaluations(kafka, corrupt, 0)).isEmpty();
      assertThat(registry.counter("brevity.eval.checkpoints").count() - checkpointsBefore)
          .isEqualTo(1.0);
      assertThat(
              registry.counter("brevity.dead.letters", "topic", CHECKPOINTS).count() - deadBefore)
          .isEqualTo(3.0);
      assertThat(registry.timer("brevity.eval.duration").count()).isPositive();
    } finally {
      loop.stop(Duration.ofSeconds(60));
    }
    assertThat(loop.ended()).isTrue();
    assertThat(loop.failure()).isNull();

    // the offsets went out with the evaluations: the next member of the group starts after them
    SimpleMeterRegistry nextRegistry = new SimpleMeterRegistry();
    EvalLoop next = start(kafka, "eval-loop-it-2", nextRegistry);
    try {
      // the run's last checkpoint names its result, v3: not an Nth version, evaluated as the result
      kafka.send(CHECKPOINTS, runId, checkpoint(runId, 3, versions[3], 3L));
      List<EvalCompleted> all = evaluations(kafka, runId, 4);
      assertThat(all)
          .extracting(e -> e.getPolicyVersion() + "/" + e.getTokenBudget())
          .containsExactlyInAnyOrder("0/null", "0/" + BUDGET, "2/null", "3/null");
      assertTinyHeldOutSet(only(all, 3));
      awaitCommitted(kafka, endOffset(kafka));
      assertThat(nextRegistry.counter("brevity.eval.checkpoints").count()).isEqualTo(1.0);
      assertThat(nextRegistry.counter("brevity.dead.letters", "topic", CHECKPOINTS).count())
          .isZero();
    } finally {
      next.stop(Duration.ofSeconds(60));
    }
    assertThat(next.failure()).isNull();
    for (String key : List.of(garbage, gone, corrupt)) {
      assertThat(deadLetters(kafka, key)).as("dead letters of %s", key).hasSize(1);
    }
  }

  /** The EvalCompleted fields the tiny held-out set and greedy decoding fix. */
  private static void assertTinyHeldOutSet(EvalCompleted e) {
    assertThat(e.getEvalSet()).isEqualTo("arith-eval:1-per-level:seed-1");
    assertThat(e.getDecoding()).isEqualTo("greedy");
    assertThat(e.getSamples()).isEqualTo(1);
    assertThat(e.getPerDifficulty()).isNotEmpty();
    assertThat(e.getPerDifficulty()).allSatisfy(d -> assertThat(d.getProblems()).isEqualTo(1));
    assertThat(e.getProblems())
        .isEqualTo(e.getPerDifficulty().stream().mapToInt(DifficultyResult::getProblems).sum());
    if (e.getTokenBudget() == null) {
      assertThat(e.getMeanLength()).isBetween(0.0, (double) SETTINGS.maxNewTokens());
    }
    assertThat(e.getAccuracy()).isBetween(0.0, 1.0);
  }

  private static EvalCompleted only(List<EvalCompleted> events, long version) {
    List<EvalCompleted> of = events.stream().filter(e -> e.getPolicyVersion() == version).toList();
    assertThat(of).hasSize(1);
    return of.get(0);
  }

  private static EvalLoop start(KafkaTestClient kafka, String id, SimpleMeterRegistry registry) {
    EvalLoop loop =
        new EvalLoop(
            new CheckpointEvaluator(SETTINGS, base, Device.cpu()),
            new ServiceEnvironment(kafka.bootstrapServers(), registry, Clock.systemUTC()),
            id,
            Duration.ofSeconds(6));
    loop.start("eval-loop-it-" + id);
    return loop;
  }

  private static List<EvalCompleted> evaluations(KafkaTestClient kafka, String runId, int n) {
    return kafka.awaitRunEvents(Topic.EVAL_RESULTS, EvalCompleted.class, runId, n, TIMEOUT, SETTLE);
  }

  private static void assertDeadLetter(KafkaTestClient kafka, String key, String reason) {
    ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(key, TIMEOUT);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(CHECKPOINTS);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).contains(reason);
  }

  /** Every committed dead letter of the record produced with {@code key}. */
  private static List<ConsumerRecord<String, byte[]>> deadLetters(
      KafkaTestClient kafka, String key) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          KafkaClients.assignFromBeginning(consumer, Topic.DEAD_LETTERS.topicName());
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  private static long endOffset(KafkaTestClient kafka) throws Exception {
    TopicPartition partition = new TopicPartition(CHECKPOINTS, 0);
    try (Admin admin = admin(kafka)) {
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get()
          .offset();
    }
  }

  /**
   * Waits until the evaluator group's committed offset on brevity.checkpoints reaches {@code
   * offset}: the end of the topic after a record this test produced (not transactional, so no
   * transaction marker follows it).
   */
  private static void awaitCommitted(KafkaTestClient kafka, long offset) throws Exception {
    TopicPartition partition = new TopicPartition(CHECKPOINTS, 0);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long committed = -1;
    try (Admin admin = admin(kafka)) {
      while (System.nanoTime() < deadline) {
        OffsetAndMetadata at =
            admin
                .listConsumerGroupOffsets(EvalLoop.GROUP)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition);
        committed = at == null ? -1 : at.offset();
        if (committed >= offset) {
          return;
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError(
        "group " + EvalLoop.GROUP + " committed " + committed + ", not " + offset);
  }

  private static Admin admin(KafkaTestClient kafka) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(p);
  }

  private static CheckpointPublished checkpoint(
      String runId, long version, Path dir, Long resultVersion) {
    return CheckpointPublished.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(Instant.now())
        .setPolicyVersion(version)
        .setUri(dir.toUri().toString())
        .setManifestSha256("0".repeat(64))
        .setStage(1)
        .setStep(version)
        .setParentVersion(version - 1)
        .setResultVersion(resultVersion)
        .setResultUri(resultVersion == null ? null : dir.toUri().toString())
        .build();
  }
}
