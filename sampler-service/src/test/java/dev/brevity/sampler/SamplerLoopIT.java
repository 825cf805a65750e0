package dev.brevity.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.service.ServiceEnvironment;
import dev.brevity.testsupport.KafkaBroker;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.TinyCheckpoints;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sampler's step in this JVM, without Quarkus: a {@link SamplerLoop} on a tiny random policy
 * against the shared broker. Requests in, their K traces, the fates of a request it cannot serve
 * and the dead letter of an unreadable record out, committed once: a second loop in the same
 * consumer group does not redo them. Seconds, where {@link SamplerServiceIT} starts processes.
 */
@KafkaBroker
class SamplerLoopIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final String REQUESTS = Topic.ROLLOUT_REQUESTS.topicName();

  private static PolicyVersions versions;

  @BeforeAll
  static void tinyPolicy() throws Exception {
    Path base = Files.createTempDirectory("sampler-loop-base-");
    TinyCheckpoints.write(base, 1);
    Path store = Files.createTempDirectory("sampler-loop-store-");
    versions = new PolicyVersions(base, Device.cpu(), new FileCheckpointStore(store), 2);
  }

  @AfterAll
  static void close() {
    versions.close();
  }

  @Test
  void servesRequestsDeadLettersGarbageAndCommitsOnce(KafkaTestClient kafka) {
    String runId = "run-" + UUID.randomUUID();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SamplerLoop loop = start(kafka, "loop-1", registry);
    String garbage = "garbage-" + UUID.randomUUID();
    try {
      send(kafka, request(runId, "a", 0, 2), request(runId, "b", 0, 2));
      kafka.sendBytes(REQUESTS, garbage, new byte[] {1, 2, 3});
      send(kafka, request(runId, "unpublished", 7, 2));

      List<Trace> traces = traces(kafka, runId, 4);
      assertThat(traces.stream().map(Trace::getTraceId).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder(
              runId + "-a/0", runId + "-a/1", runId + "-b/0", runId + "-b/1");
      assertThat(traces).allMatch(t -> t.getSamplerId().equals("loop-1"));
      List<TraceFate> fates =
          kafka.awaitRunEvents(Topic.TRACE_FATES, TraceFate.class, runId, 2, TIMEOUT, SETTLE);
      assertThat(fates)
          .extracting(TraceFate::getTraceId)
          .containsExactlyInAnyOrder(runId + "-unpublished/0", runId + "-unpublished/1");
      ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(garbage, TIMEOUT);
      assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(REQUESTS);
      assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
          .contains("not an Avro single-object encoded event");
      assertThat(dead.value()).containsExactly(1, 2, 3);
      assertThat(registry.counter("brevity.dead.letters", "topic", REQUESTS).count())
          .isEqualTo(1.0);
      assertThat(registry.counter("brevity.sampler.traces", "run", runId, "version", "0").count())
          .isEqualTo(4.0);
    } finally {
      loop.stop(Duration.ofSeconds(30));
    }
    assertThat(loop.ended()).isTrue();
    assertThat(loop.failure()).isNull();

    // the offsets went out with the traces: the next member of the group starts after them
    SamplerLoop next = start(kafka, "loop-2", new SimpleMeterRegistry());
    try {
      send(kafka, request(runId, "c", 0, 2));
      List<Trace> all = traces(kafka, runId, 6);
      assertThat(all).hasSize(6);
      assertThat(all.stream().filter(t -> t.getSamplerId().equals("loop-2")))
          .extracting(Trace::getTraceId)
          .containsExactlyInAnyOrder(runId + "-c/0", runId + "-c/1");
    } finally {
      next.stop(Duration.ofSeconds(30));
    }
  }

  private static SamplerLoop start(KafkaTestClient kafka, String id, SimpleMeterRegistry registry) {
    SamplerLoop loop =
        new SamplerLoop(
            config(id),
            new ServiceEnvironment(kafka.bootstrapServers(), registry, Clock.systemUTC()),
            versions);
    loop.start("sampler-loop-it-" + id);
    return loop;
  }

  private static List<Trace> traces(KafkaTestClient kafka, String runId, int expected) {
    return kafka.awaitRunEvents(Topic.TRACES, Trace.class, runId, expected, TIMEOUT, SETTLE);
  }

  private static void send(KafkaTestClient kafka, RolloutRequest... requests) {
    for (RolloutRequest request : requests) {
      kafka.send(REQUESTS, request.getProblem().getProblemId(), request);
    }
  }

  private static RolloutRequest request(String runId, String name, long version, int samples) {
    String requestId = runId + "-" + name;
    return RolloutRequest.newBuilder(SampleEvents.rolloutRequest(runId, requestId, samples))
        .setPolicyVersion(version)
        .setMaxStaleness(0)
        .setSampling(
            SamplingParams.newBuilder(SampleEvents.sampling())
                .setMaxNewTokens(8)
                .setSeed(requestId.hashCode())
                .build())
        .build();
  }

  private static SamplerConfig config(String id) {
    return new SamplerConfig() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String baseModel() {
        return "unused: the test builds PolicyVersions";
      }

      @Override
      public String device() {
        return "cpu";
      }

      @Override
      public String checkpointRoot() {
        return "unused";
      }

      @Override
      public int batchSize() {
        return 8;
      }

      @Override
      public Duration batchWait() {
        return Duration.ofMillis(100);
      }

      @Override
      public Duration sessionTimeout() {
        return Duration.ofSeconds(6);
      }

      @Override
      public int maxLoadedVersions() {
        return 2;
      }
    };
  }
}
