package dev.brevity.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.FinishReason;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.run.RunPlan;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.TraceBuilders;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.scoring.TraceScorer;
import dev.brevity.service.KafkaClients;
import dev.brevity.task.Traces;
import dev.brevity.testsupport.KafkaBroker;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.TinyCheckpoints;
import dev.brevity.tokenizer.TextTokenizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer's step in this JVM, without Quarkus and without sampler or reward processes: a {@link
 * RunSession} trains a tiny GRPO run from a tiny random policy against the shared broker, while the
 * test plays sampler and reward-service — it reads the run's rollout requests and publishes their
 * scored traces (scored by {@link TraceScorer}, as the reward-service does). A garbage record on
 * brevity.scored-traces is dead-lettered with the reason; the session is stopped after its first
 * checkpoint and a second session resumes the run from its last transaction: every checkpoint is
 * published once, every request issued once, every trace gets exactly one fate, and the run
 * succeeds. Seconds, where {@link PruningPipelineIT} starts processes.
 */
@KafkaBroker
class RunSessionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final String SCORED = Topic.SCORED_TRACES.topicName();
  private static final int MAX_NEW_TOKENS = 16;
  private static final String YAML =
      """
      reward: correctness
      per-level: 1
      prompts-per-step: 2
      samples: 2
      max-new-tokens: %d
      steps-per-stage: 2
      learning-rate: 1e-3
      """
          .formatted(MAX_NEW_TOKENS);

  /** log(1/454): about what the random 454-token policy gives each token. */
  private static final float LOG_PROB = (float) -Math.log(454);

  private static Path base;
  private static Path store;
  private static TextTokenizer tokenizer;

  @BeforeAll
  static void tinyPolicy() throws Exception {
    base = Files.createTempDirectory("run-session-base-");
    TinyCheckpoints.write(base, 7);
    store = Files.createTempDirectory("run-session-store-");
    tokenizer = TextTokenizer.bundled();
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void trainsAGrpoRunDeadLettersGarbageAndResumesAfterAStop(KafkaTestClient kafka)
      throws Exception {
    String runId = "session-" + UUID.randomUUID();
    RunRequested request = SampleEvents.runRequested(runId, "grpo", YAML);
    RunPlan plan = RunPlan.parse(request.getMethod(), request.getConfigYaml());
    VersionedReward reward = Rewards.of("correctness");
    String garbage = "garbage-" + UUID.randomUUID();
    Map<String, ScoredTrace> sent = new LinkedHashMap<>();

    try (KafkaConsumer<String, byte[]> requests = fromBeginning(kafka, Topic.ROLLOUT_REQUESTS)) {
      SimpleMeterRegistry firstRegistry = new SimpleMeterRegistry();
      Session first = Session.start(request, plan, config(), kafka, firstRegistry);
      try {
        // the run has started once its first requests are committed: a garbage record after them
        List<RolloutRequest> v0 = await(requests, runId, 2);
        assertThat(v0).allSatisfy(r -> assertThat(r.getPolicyVersion()).isZero());
        kafka.sendBytes(SCORED, garbage, new byte[] {1, 2, 3});
        ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(garbage, TIMEOUT);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(SCORED);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
            .contains("not an Avro single-object encoded event");
        assertThat(dead.value()).containsExactly(1, 2, 3);

        serve(kafka, v0, reward, sent);
        awaitCheckpoint(kafka, runId, 1);
      } finally {
        first.stop();
      }
      assertThat(first.failure()).isNull();
      assertThat(firstRegistry.counter("brevity.dead.letters", "topic", SCORED).count())
          .isEqualTo(1.0);
      assertThat(firstRegistry.counter("brevity.trainer.updates", "run", runId).count())
          .isEqualTo(1.0);

      // a second session resumes from the last transaction: v1's requests are already out
      SimpleMeterRegistry secondRegistry = new SimpleMeterRegistry();
      Session second = Session.start(request, plan, config(), kafka, secondRegistry);
      try {
        List<RolloutRequest> v1 = await(requests, runId, 2);
        assertThat(v1).allSatisfy(r -> assertThat(r.getPolicyVersion()).isEqualTo(1));
        serve(kafka, v1, reward, sent);
        RunStatus done =
            kafka.awaitEvent(
                Topic.RUNS.topicName(),
                RunStatus.class,
                TIMEOUT,
                s -> s.getRunId().equals(runId) && s.getState() == RunState.SUCCEEDED);
        assertThat(done.getPolicyVersion()).isEqualTo(2);
        second.awaitEnd();
      } finally {
        second.stop();
      }
      assertThat(second.failure()).isNull();
      assertThat(secondRegistry.counter("brevity.trainer.updates", "run", runId).count())
          .as("the second session trained only what the first had not")
          .isEqualTo(1.0);
      assertThat(secondRegistry.counter("brevity.dead.letters", "topic", SCORED).count()).isZero();
      assertThat(await(requests, runId, 0)).as("requests after the run succeeded").isEmpty();
    }

    assertCheckpoints(kafka, runId);
    assertThat(sent).hasSize(8);
    List<TraceFate> fates =
        events(kafka, Topic.TRACE_FATES, TraceFate.class, 8, f -> f.getRunId().equals(runId));
    assertThat(fates).extracting(TraceFate::getTraceId).doesNotHaveDuplicates();
    assertThat(fates.stream().map(TraceFate::getTraceId).collect(Collectors.toSet()))
        .isEqualTo(sent.keySet());
    // η = 0: each update trained the batch sampled at its own version
    assertThat(fates)
        .allSatisfy(
            f -> {
              assertThat(f.getFate().name()).isEqualTo("TRAINED");
              assertThat(f.getTrainedAtVersion()).isEqualTo(f.getPolicyVersion());
            });
    List<TrainingStep> steps =
        events(
            kafka, Topic.TRAINING_METRICS, TrainingStep.class, 2, s -> s.getRunId().equals(runId));
    assertThat(steps).extracting(TrainingStep::getPolicyVersion).containsExactly(1L, 2L);
    for (TrainingStep step : steps) {
      assertThat(step.getTraces()).isEqualTo(4);
      // the update learned from the rewards this test published for its version's traces
      double mean =
          sent.values().stream()
              .filter(s -> s.getPolicyVersion() == step.getPolicyVersion() - 1)
              .mapToDouble(ScoredTrace::getReward)
              .average()
              .orElseThrow();
      assertThat(step.getRewardMean()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    }
    List<RunStatus> statuses =
        events(kafka, Topic.RUNS, RunStatus.class, 1, s -> s.getRunId().equals(runId));
    assertThat(statuses.get(0).getState()).isEqualTo(RunState.ACCEPTED);
    assertThat(statuses.get(statuses.size() - 1).getState()).isEqualTo(RunState.SUCCEEDED);
    assertThat(statuses.stream().filter(s -> s.getState() == RunState.SUCCEEDED)).hasSize(1);
    assertThat(deadLetters(kafka, garbage)).as("dead letters of the garbage record").isEqualTo(1);
  }

  /** Versions 1 and 2, each published once; the last names the run's result. */
  private static void assertCheckpoints(KafkaTestClient kafka, String runId) throws Exception {
    List<CheckpointPublished> published =
        events(
            kafka,
            Topic.CHECKPOINTS,
            CheckpointPublished.class,
            2,
            c -> c.getRunId().equals(runId));
    assertThat(published).extracting(CheckpointPublished::getPolicyVersion).containsExactly(1L, 2L);
    for (CheckpointPublished checkpoint : published) {
      assertThat(Path.of(URI.create(checkpoint.getUri())).resolve("model.safetensors"))
          .isRegularFile();
    }
    assertThat(published.get(0).getResultVersion()).isNull();
    assertThat(published.get(1).getResultVersion()).isBetween(0L, 2L);
    try (Stream<Path> dirs = Files.list(store.resolve(runId))) {
      assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("v")))
          .as("no uncommitted checkpoint left in the store")
          .hasSize(2);
    }
  }

  /**
   * The sampler and the reward-service: K traces per request, sample 0 right and the others wrong,
   * scored with the run's reward and published to brevity.scored-traces.
   */
  private static void serve(
      KafkaTestClient kafka,
      List<RolloutRequest> requests,
      VersionedReward reward,
      Map<String, ScoredTrace> sent) {
    List<Map.Entry<String, ScoredTrace>> out = new ArrayList<>();
    for (RolloutRequest request : requests) {
      List<Trace> group = new ArrayList<>();
      for (int i = 0; i < request.getSamples(); i++) {
        group.add(trace(request, i));
      }
      for (ScoredTrace scored : TraceScorer.score(group, reward, null, Instant.now())) {
        assertThat(scored.getCorrect()).isEqualTo(scored.getTrace().getSampleIndex() == 0);
        assertThat(sent.put(scored.getTraceId(), scored)).as("traces served once").isNull();
        out.add(Map.entry(request.getProblem().getProblemId(), scored));
      }
    }
    kafka.sendAll(SCORED, out);
  }

  private static Trace trace(RolloutRequest request, int index) {
    String answer = request.getProblem().getAnswer();
    String text = Traces.format("", index == 0 ? answer : answer.equals("1") ? "2" : "1");
    int eos = tokenizer.tokenId(TextTokenizer.END_OF_TEXT).orElseThrow();
    List<Integer> completion = new ArrayList<>();
    for (int id : tokenizer.encode(text)) {
      completion.add(id);
    }
    completion.add(eos);
    assertThat(completion).hasSizeLessThanOrEqualTo(request.getSampling().getMaxNewTokens());
    List<Integer> prompt = new ArrayList<>();
    for (int id : tokenizer.encode(request.getProblem().getPrompt())) {
      prompt.add(id);
    }
    return TraceBuilders.answering(request, request.getRequestId() + "/" + index, index)
        .setOccurredAt(Instant.now())
        .setPolicyVersion(request.getPolicyVersion())
        .setSamplerId("run-session-it")
        .setPromptTokenIds(prompt)
        .setCompletionTokenIds(completion)
        .setCompletionText(text)
        .setLogProbs(completion.stream().map(id -> LOG_PROB).toList())
        .setFinishReason(FinishReason.EOS)
        .setQueuedMillis(1)
        .setGenerationMillis(1)
        .build();
  }

  private static void awaitCheckpoint(KafkaTestClient kafka, String runId, long version) {
    kafka.awaitEvent(
        Topic.CHECKPOINTS.topicName(),
        CheckpointPublished.class,
        TIMEOUT,
        c -> c.getRunId().equals(runId) && c.getPolicyVersion() == version);
  }

  /**
   * The run's next {@code expected} requests read from {@code consumer} (and any more that come
   * within {@link #SETTLE}, so that a request issued twice shows); fails if fewer come.
   */
  private static List<RolloutRequest> await(
      KafkaConsumer<String, byte[]> consumer, String runId, int expected) {
    List<RolloutRequest> found = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long settled = Long.MAX_VALUE;
    while (System.nanoTime() < Math.min(deadline, settled)) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (EventCodec.standard().decode(record.value(), DeadLetters.location(record))
                instanceof RolloutRequest r
            && r.getRunId().equals(runId)) {
          found.add(r);
        }
      }
      if (found.size() >= expected && settled == Long.MAX_VALUE) {
        settled = System.nanoTime() + SETTLE.toNanos();
      }
    }
    assertThat(found).as("requests of %s", runId).hasSize(expected);
    assertThat(found).extracting(RolloutRequest::getRequestId).doesNotHaveDuplicates();
    return found;
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> List<T> events(
      KafkaTestClient kafka, Topic topic, Class<T> type, int expected, Predicate<T> matches) {
    return kafka.awaitEvents(topic.topicName(), type, expected, TIMEOUT, SETTLE, matches);
  }

  /** How many committed dead letters the record produced with {@code key} has. */
  private static long deadLetters(KafkaTestClient kafka, String key) {
    long count = 0;
    try (KafkaConsumer<String, byte[]> consumer = fromBeginning(kafka, Topic.DEAD_LETTERS)) {
      Set<TopicPartition> partitions = consumer.assignment();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /** A read_committed consumer at the beginning of every partition of {@code topic}. */
  private static KafkaConsumer<String, byte[]> fromBeginning(KafkaTestClient kafka, Topic topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    KafkaClients.assignFromBeginning(consumer, topic.topicName());
    return consumer;
  }

  /** A {@link RunSession} on its own thread, as {@link TrainerLoop} runs one. */
  private static final class Session {
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    private Session(RunSession session) {
      thread =
          new Thread(
              () -> {
                try {
                  session.run();
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "run-session-it");
    }

    static Session start(
        RunRequested request,
        RunPlan plan,
        TrainerConfig config,
        KafkaTestClient kafka,
        SimpleMeterRegistry registry) {
      Session[] holder = new Session[1];
      Session s =
          new Session(
              new RunSession(
                  request,
                  plan,
                  new TrainerContext(
                      config,
                      kafka.bootstrapServers(),
                      new FileCheckpointStore(store),
                      new TrainerMetrics(registry)),
                  () -> holder[0].stopping.get()));
      holder[0] = s;
      s.thread.start();
      return s;
    }

    /** Waits for the session to end by itself (its run done). */
    void awaitEnd() throws InterruptedException {
      thread.join(TIMEOUT.toMillis());
      assertThat(thread.isAlive()).as("the session ended with its run").isFalse();
    }

    /** Asks the session to stop after the step in hand, and waits for it. */
    void stop() throws InterruptedException {
      stopping.set(true);
      thread.join(TIMEOUT.toMillis());
      assertThat(thread.isAlive()).as("the session stopped").isFalse();
    }

    Throwable failure() {
      return failure.get();
    }
  }

  private static TrainerConfig config() {
    return new TrainerConfig() {
      @Override
      public List<String> methods() {
        return List.of("grpo");
      }

      @Override
      public String baseModel() {
        return base.toString();
      }

      @Override
      public String checkpointRoot() {
        return store.toString();
      }

      @Override
      public String device() {
        return "cpu";
      }

      @Override
      public String stagingDir() {
        return store.resolveSibling(store.getFileName() + "-staging").toString();
      }

      @Override
      public Duration sessionTimeout() {
        return Duration.ofSeconds(6);
      }

      @Override
      public Duration idlePoll() {
        return Duration.ofMillis(200);
      }
    };
  }
}
