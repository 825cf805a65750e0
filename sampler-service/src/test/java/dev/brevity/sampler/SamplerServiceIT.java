package dev.brevity.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.Fate;
import dev.brevity.events.FinishReason;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.policy.Generation;
import dev.brevity.policy.Policy;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.ServiceProcess;
import dev.brevity.testsupport.SharedKafkaBroker;
import dev.brevity.testsupport.TinyCheckpoints;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged sampler-service, run as separate processes on a tiny random policy against the real
 * broker: N requests in, N×K traces out; hot reload of published checkpoints; two instances sharing
 * the work; one killed mid-stream without losing or duplicating a trace.
 */
class SamplerServiceIT {

  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final String REQUESTS = Topic.ROLLOUT_REQUESTS.topicName();

  private static Path base;
  private static Path store;

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());

  @BeforeAll
  static void tinyPolicy() throws Exception {
    base = Files.createTempDirectory("sampler-base-");
    TinyCheckpoints.write(base, 1);
    store = Files.createTempDirectory("sampler-store-");
  }

  private ServiceProcess start(String id) {
    return ServiceProcess.start(
        id,
        kafka.bootstrapServers(),
        Map.of(
            "brevity.sampler.id",
            id,
            "brevity.sampler.base-model",
            base.toString(),
            "brevity.sampler.checkpoint-root",
            store.toString(),
            "brevity.sampler.batch-size",
            "8",
            "brevity.sampler.batch-wait",
            "100ms",
            "brevity.sampler.session-timeout",
            "6s"),
        START);
  }

  private static RolloutRequest request(
      String runId, String requestId, long version, int staleness, int samples) {
    return RolloutRequest.newBuilder(SampleEvents.rolloutRequest(runId, requestId, samples))
        .setPolicyVersion(version)
        .setMaxStaleness(staleness)
        .setProblem(SampleEvents.problem("p-" + requestId))
        .setSampling(
            SamplingParams.newBuilder()
                .setTemperature(1.0f)
                .setTopP(1.0f)
                .setTopK(0)
                .setMaxNewTokens(12)
                .setSeed(requestId.hashCode())
                .build())
        .build();
  }

  private void send(RolloutRequest... requests) {
    for (RolloutRequest request : requests) {
      kafka.send(REQUESTS, request.getProblem().getProblemId(), request);
    }
  }

  private List<Trace> traces(String runId, int expected) {
    return kafka.awaitRunEvents(Topic.TRACES, Trace.class, runId, expected, TIMEOUT, SETTLE);
  }

  @Test
  void everyRequestGetsItsKTracesWithTheirFieldsAndBadInputGetsAFate() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    List<RolloutRequest> requests = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      requests.add(request(runId, "req-" + UUID.randomUUID(), 0, 0, 3));
    }
    RolloutRequest unpublished = request(runId, "req-" + UUID.randomUUID(), 7, 0, 2);
    RolloutRequest tooLong =
        RolloutRequest.newBuilder(request(runId, "req-" + UUID.randomUUID(), 0, 0, 1))
            .setSampling(
                SamplingParams.newBuilder(SampleEvents.sampling()).setMaxNewTokens(10_000).build())
            .build();
    String garbage = "garbage-" + UUID.randomUUID();
    try (ServiceProcess sampler = start("sampler-fields")) {
      send(requests.toArray(RolloutRequest[]::new));
      kafka.sendBytes(REQUESTS, garbage, new byte[] {1, 2, 3});
      send(unpublished, tooLong);

      List<Trace> traces = traces(runId, 18);
      assertThat(traces).hasSize(18);
      assertThat(traces.stream().map(Trace::getTraceId).collect(Collectors.toSet())).hasSize(18);
      try (NDManager manager = NDManager.newBaseManager();
          Policy policy = Policy.load(base, manager)) {
        for (Trace trace : traces) {
          RolloutRequest request =
              requests.stream()
                  .filter(r -> r.getRequestId().equals(trace.getRequestId()))
                  .findFirst()
                  .orElseThrow();
          assertThat(trace.getTraceId())
              .isEqualTo(request.getRequestId() + "/" + trace.getSampleIndex());
          assertThat(trace.getSampleIndex()).isBetween(0, 2);
          assertThat(trace.getSamples()).isEqualTo(3);
          assertThat(trace.getPolicyVersion()).isZero();
          assertThat(trace.getSamplerId()).isEqualTo("sampler-fields");
          assertThat(trace.getProblem()).isEqualTo(request.getProblem());
          assertThat(trace.getSampling()).isEqualTo(request.getSampling());
          assertThat(trace.getLogProbs()).hasSameSizeAs(trace.getCompletionTokenIds());
          assertThat(trace.getLogProbs()).allMatch(lp -> lp <= 0f);
          assertThat(trace.getFinishReason() == FinishReason.LENGTH)
              .isEqualTo(
                  trace.getCompletionTokenIds().size() == 12
                      && !trace.getCompletionTokenIds().get(11).equals(450));
          // the same sample generated here, alone, is the same trace: batching changes nothing
          int[] prompt = policy.tokenizer().encode(request.getProblem().getPrompt());
          assertThat(trace.getPromptTokenIds()).containsExactly(box(prompt));
          Generation alone =
              policy
                  .generator()
                  .generateEach(
                      List.of(prompt),
                      List.of(
                          RolloutGenerator.settings(request.getSampling(), trace.getSampleIndex())))
                  .get(0);
          assertThat(trace.getCompletionTokenIds()).containsExactly(box(alone.tokens()));
          assertThat(trace.getCompletionText()).isEqualTo(alone.text());
        }
      }

      ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(garbage, TIMEOUT);
      assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(REQUESTS);
      List<TraceFate> fates =
          kafka.awaitRunEvents(
              Topic.TRACE_FATES, TraceFate.class, runId, 3, TIMEOUT, Duration.ZERO);
      assertThat(fates).hasSize(3).allMatch(f -> f.getFate() == Fate.FAILED);
      String unpublishedReason = "policy version 7 of run " + runId + " has not been published";
      assertThat(fates)
          .filteredOn(f -> f.getTraceId().startsWith(unpublished.getRequestId()))
          .hasSize(2)
          .allMatch(f -> f.getReason().equals(unpublishedReason));
      assertThat(fates)
          .filteredOn(f -> f.getTraceId().equals(tooLong.getRequestId() + "/0"))
          .singleElement()
          .matches(f -> f.getReason().contains("does not fit the policy's 256 positions"));
      assertThat(sampler.metric("brevity_sampler_tokens_total", "")).isPositive();
      assertThat(sampler.metric("brevity_sampler_traces_total", "version=\"0\"")).isEqualTo(18.0);
      assertThat(sampler.get("/q/health/ready")).contains("\"UP\"").contains("\"sampler\"");
    }
  }

  @Test
  void aPublishedCheckpointSwitchesLaterTracesAndABrokenOneFailsOnlyItsRequests() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    try (ServiceProcess sampler = start("sampler-reload")) {
      RolloutRequest before = request(runId, "before-" + UUID.randomUUID(), 0, 3, 2);
      send(before);
      assertThat(traces(runId, 2)).allMatch(t -> t.getPolicyVersion() == 0);

      publish(runId, 1, 2);
      publishBroken(runId, 4);
      RolloutRequest after = request(runId, "after-" + UUID.randomUUID(), 0, 3, 2);
      RolloutRequest broken = request(runId, "broken-" + UUID.randomUUID(), 4, 0, 1);
      send(after, broken);

      List<Trace> all = traces(runId, 4);
      assertThat(all.stream().filter(t -> t.getRequestId().equals(after.getRequestId())))
          .hasSize(2)
          .allMatch(t -> t.getPolicyVersion() == 1);
      TraceFate fate =
          kafka.awaitEvent(
              Topic.TRACE_FATES.topicName(),
              TraceFate.class,
              TIMEOUT,
              f -> f.getTraceId().equals(broken.getRequestId() + "/0"));
      assertThat(fate.getFate()).isEqualTo(Fate.FAILED);
      assertThat(fate.getReason()).contains("cannot load policy version 4");
      assertThat(sampler.get("/q/health/live")).contains("\"UP\"").contains("\"sampler\"");
    }
  }

  @Test
  void twoInstancesSplitTheWorkAndNeitherAKillNorAStopLosesOrDuplicatesATrace() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    List<RolloutRequest> requests = new ArrayList<>();
    for (int r = 0; r < 60; r++) {
      requests.add(request(runId, "kill-" + r + "-" + UUID.randomUUID(), 0, 0, 2));
    }
    try (ServiceProcess a = start("sampler-a");
        ServiceProcess b = start("sampler-b")) {
      kafka.awaitGroupMembers(SamplerLoop.GROUP, 2, TIMEOUT);
      send(requests.subList(0, 16).toArray(RolloutRequest[]::new));
      List<Trace> early = traces(runId, 32);
      assertThat(early.stream().map(Trace::getSamplerId).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("sampler-a", "sampler-b");

      // kill -9 while requests keep arriving: b takes over a's partitions
      sendWhile(requests.subList(16, 40), a::kill);
      assertExactlyOnce(traces(runId, 80), requests.subList(0, 40));

      // graceful stop while requests keep arriving: what b started commits, the rest goes to c
      sendWhile(requests.subList(40, 60), b::close);
      try (ServiceProcess c = start("sampler-c")) {
        assertExactlyOnce(traces(runId, 120), requests);
      }
    }
  }

  /** Sends {@code requests} from another thread and does {@code action} meanwhile. */
  private void sendWhile(List<RolloutRequest> requests, Runnable action) throws Exception {
    Thread producer = new Thread(() -> send(requests.toArray(RolloutRequest[]::new)));
    producer.start();
    Thread.sleep(100);
    action.run();
    producer.join();
  }

  private static void assertExactlyOnce(List<Trace> traces, List<RolloutRequest> requests) {
    Map<String, Long> copies =
        traces.stream().collect(Collectors.groupingBy(Trace::getTraceId, Collectors.counting()));
    Set<String> expected = new java.util.HashSet<>();
    for (RolloutRequest r : requests) {
      for (int i = 0; i < r.getSamples(); i++) {
        expected.add(r.getRequestId() + "/" + i);
      }
    }
    assertThat(copies.keySet()).isEqualTo(expected);
    assertThat(copies.values()).allMatch(n -> n == 1);
  }

  /** Publishes version {@code version} of {@code runId} to the store and announces it. */
  private void publish(String runId, long version, long seed) throws Exception {
    Path staged = Files.createTempDirectory("staged-");
    TinyCheckpoints.write(staged, seed);
    URI uri = new FileCheckpointStore(store).publish(staged, runId, version);
    announce(runId, version, uri, sha256(Path.of(uri).resolve("manifest.json")));
  }

  /** Announces a checkpoint whose manifest is not the one announced. */
  private void publishBroken(String runId, long version) throws Exception {
    Path staged = Files.createTempDirectory("staged-");
    TinyCheckpoints.write(staged, 9);
    URI uri = new FileCheckpointStore(store).publish(staged, runId, version);
    announce(runId, version, uri, "0".repeat(64));
  }

  private void announce(String runId, long version, URI uri, String manifestSha256) {
    kafka.send(
        Topic.CHECKPOINTS.topicName(),
        runId,
        CheckpointPublished.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setRunId(runId)
            .setOccurredAt(Instant.now())
            .setPolicyVersion(version)
            .setUri(uri.toString())
            .setManifestSha256(manifestSha256)
            .setStage(0)
            .setStep(version)
            .build());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static Integer[] box(int[] ids) {
    Integer[] boxed = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    return boxed;
  }
}
