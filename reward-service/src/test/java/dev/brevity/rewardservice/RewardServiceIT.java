package dev.brevity.rewardservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.RunRequested;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.ServiceProcess;
import dev.brevity.testsupport.SharedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The packaged reward-service, run as separate processes against the real broker: scoring with each
 * run's reward, group rewards, reference statistics, dead letters, kill -9 and restart, and two
 * instances sharing the work.
 */
class RewardServiceIT {

  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final String TRACES = Topic.TRACES.topicName();

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());
  private final String applicationId = "brevity-reward-it-" + UUID.randomUUID();

  private ServiceProcess start(String name) throws Exception {
    Path state = Files.createTempDirectory("reward-state-");
    return ServiceProcess.start(
        name,
        kafka.bootstrapServers(),
        Map.of(
            "brevity.reward.application-id",
            applicationId,
            "brevity.reward.state-dir",
            state.toString(),
            "brevity.reward.session-timeout",
            "6s"),
        START);
  }

  private void requestRun(String runId, String reward) {
    RunRequested run =
        SampleEvents.runRequested(
            runId, "thinkprune", "method: thinkprune\nreward: " + reward + "\n");
    kafka.send(Topic.RUNS.topicName(), runId, run);
  }

  private void send(List<Trace> traces) {
    for (Trace trace : traces) {
      kafka.send(TRACES, trace.getProblem().getProblemId(), trace);
    }
  }

  private List<ScoredTrace> scored(String runId, int expected) {
    return kafka.awaitRunEvents(
        Topic.SCORED_TRACES, ScoredTrace.class, runId, expected, TIMEOUT, SETTLE);
  }

  private static List<Trace> group(
      String runId, String requestId, RolloutPurpose purpose, Object... wordsAndRight) {
    return new ArrayList<>(SampleEvents.group(runId, requestId, purpose, wordsAndRight));
  }

  private static Map<String, ScoredTrace> byTraceId(List<ScoredTrace> scored) {
    return scored.stream().collect(Collectors.toMap(ScoredTrace::getTraceId, Function.identity()));
  }

  @Test
  void scoresWithEachRunsRewardAndDeadLettersAPoisonRecordWithoutStopping() throws Exception {
    String limited = "run-" + UUID.randomUUID();
    String unnamed = "run-" + UUID.randomUUID();
    requestRun(limited, "thinkprune(limit=8)");
    try (ServiceProcess service = start("reward")) {
      // 4 words: right and short; 10 words: right but over the limit; 4 words: wrong
      List<Trace> traces = group(limited, "q1", RolloutPurpose.TRAINING, 4, true);
      traces.addAll(group(limited, "q2", RolloutPurpose.TRAINING, 10, true));
      traces.addAll(group(limited, "q3", RolloutPurpose.TRAINING, 4, false));
      send(traces.subList(0, 1));
      String poison = "poison-" + UUID.randomUUID();
      kafka.sendBytes(TRACES, poison, new byte[] {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9});
      send(traces.subList(1, 3));
      send(group(unnamed, "q4", RolloutPurpose.TRAINING, 4, true));

      Map<String, ScoredTrace> scored = byTraceId(scored(limited, 3));
      assertThat(scored).hasSize(3);
      assertThat(scored.get("q1/0").getReward()).isEqualTo(1.0);
      assertThat(scored.get("q2/0").getReward()).isZero();
      assertThat(scored.get("q2/0").getComponents()).containsEntry("withinLimit", 0.0);
      assertThat(scored.get("q3/0").getReward()).isZero();
      assertThat(scored.get("q1/0").getRewardVersion())
          .isEqualTo("thinkprune(limit=8,lenient=false)@1.v3");
      assertThat(scored.get("q1/0").getTrace()).isEqualTo(traces.get(0));
      ScoredTrace fallback = scored(unnamed, 1).get(0);
      assertThat(fallback.getRewardVersion()).isEqualTo("correctness@2.v3");

      ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(poison, TIMEOUT);
      assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(TRACES);
      assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
          .contains("unknown schema fingerprint");
      assertThat(dead.value()).hasSize(10);
      assertThat(service.get("/q/health/ready")).contains("\"UP\"").contains("\"scoring\"");
      assertThat(service.get("/q/health/live")).contains("\"UP\"").contains("\"scoring\"");
      assertThat(service.metric("brevity_dead_letters_total", "brevity.traces")).isEqualTo(1.0);
    }
  }

  @Test
  void groupRewardsWaitForAllKTracesAndReferenceGroupsPublishStatistics() throws Exception {
    String kimiRun = "run-" + UUID.randomUUID();
    String o1Run = "run-" + UUID.randomUUID();
    requestRun(kimiRun, "kimi");
    requestRun(o1Run, "o1-pruner(lambda=2)");
    try (ServiceProcess service = start("reward")) {
      List<Trace> group =
          group(kimiRun, "g1", RolloutPurpose.TRAINING, 10, true, 20, false, 30, true);
      send(group.subList(0, 2));
      Thread.sleep(3000);
      send(group.subList(2, 3));
      Map<String, ScoredTrace> scored = byTraceId(scored(kimiRun, 3));
      assertThat(scored).hasSize(3);
      assertThat(scored.get("g1/0").getReward()).isCloseTo(1.5, within(1e-12));
      assertThat(scored.get("g1/1").getReward()).isCloseTo(0.0, within(1e-12));
      assertThat(scored.get("g1/2").getReward()).isCloseTo(0.5, within(1e-12));

      send(group(o1Run, "ref1", RolloutPurpose.REFERENCE, 10, true, 30, false));
      ReferenceStats stats =
          kafka.awaitEvent(
              Topic.REFERENCE_STATS.topicName(),
              ReferenceStats.class,
              TIMEOUT,
              s -> s.getRunId().equals(o1Run));
      assertThat(stats.getSamples()).isEqualTo(2);
      assertThat(stats.getMeanLength()).isEqualTo(20.0);
      assertThat(stats.getMeanAccuracy()).isEqualTo(0.5);
      Map<String, ScoredTrace> reference = byTraceId(scored(o1Run, 2));
      assertThat(reference.get("ref1/0").getReward()).isCloseTo(2.0, within(1e-12));

      // a later training sample of the same problem scores against the published statistics
      Thread.sleep(2000);
      Trace training =
          Trace.newBuilder(group(o1Run, "ref1", RolloutPurpose.TRAINING, 5, true).get(0))
              .setRequestId("t1")
              .setTraceId("t1/0")
              .build();
      send(List.of(training));
      ScoredTrace scoredTraining =
          kafka.awaitEvent(
              Topic.SCORED_TRACES.topicName(),
              ScoredTrace.class,
              TIMEOUT,
              s -> s.getRunId().equals(o1Run) && s.getTraceId().equals("t1/0"));
      // 20/5 − 1 + 2·(1 − 0.5) = 4, the clip's maximum
      assertThat(scoredTraining.getReward()).isEqualTo(4.0);
    }
  }

  @Test
  void killedMidStreamAndRestartedScoresEveryTraceExactlyOnce() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    requestRun(runId, "kimi");
    List<Trace> traces = groups(runId, 30); // 30 requests × 3 samples
    ServiceProcess first = start("reward-1");
    try {
      send(traces.subList(0, 40));
      scored(runId, 12); // it is working
      Thread producer = new Thread(() -> send(traces.subList(40, 70)));
      producer.start();
      Thread.sleep(150);
      first.kill(); // mid-stream: traces still arriving, groups half-buffered
      producer.join();
    } finally {
      first.close();
    }
    send(traces.subList(70, traces.size()));
    try (ServiceProcess second = start("reward-2")) {
      assertExactlyOnce(runId, traces);
    }
  }

  @Test
  void twoInstancesSplitTheWorkAndASurvivorTakesOverTheKilledOnesGroups() throws Exception {
    String runId = "run-" + UUID.randomUUID();
    requestRun(runId, "kimi");
    List<Trace> traces = groups(runId, 40);
    try (ServiceProcess a = start("reward-a");
        ServiceProcess b = start("reward-b")) {
      send(traces.subList(0, 60));
      scored(runId, 60);
      assertThat(a.metric("brevity_reward_scored_total", "kimi")).isPositive();
      assertThat(b.metric("brevity_reward_scored_total", "kimi")).isPositive();
      // half groups pending on both instances, then one dies
      List<Trace> rest = traces.subList(60, traces.size());
      send(everyOther(rest, 0));
      a.kill();
      send(everyOther(rest, 1));
      assertExactlyOnce(runId, traces);
    }
  }

  private void assertExactlyOnce(String runId, List<Trace> traces) {
    List<ScoredTrace> scored = scored(runId, traces.size());
    Map<String, Long> copies =
        scored.stream()
            .collect(Collectors.groupingBy(ScoredTrace::getTraceId, Collectors.counting()));
    assertThat(copies.keySet())
        .containsExactlyInAnyOrderElementsOf(traces.stream().map(Trace::getTraceId).toList());
    assertThat(copies.values()).allMatch(n -> n == 1);
  }

  /** {@code requests} groups of 3 traces, on different problems (so, different partitions). */
  private static List<Trace> groups(String runId, int requests) {
    List<Trace> traces = new ArrayList<>();
    for (int r = 0; r < requests; r++) {
      traces.addAll(
          group(runId, "r" + r, RolloutPurpose.TRAINING, 5 + r, true, 9, false, 20, true));
    }
    return traces;
  }

  private static List<Trace> everyOther(List<Trace> traces, int parity) {
    List<Trace> picked = new ArrayList<>();
    for (int i = parity; i < traces.size(); i += 2) {
      picked.add(traces.get(i));
    }
    return picked;
  }
}
