package dev.brevity.rewardservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.RunRequested;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scoring topology in-process ({@link TopologyTestDriver}, no broker): each run's reward, group
 * rewards that wait for all K traces, reference statistics published and then used, and dead
 * letters with their reasons. The expected rewards are computed by hand in the comments.
 */
class ScoringTopologyTest {

  private static final EventCodec CODEC = EventCodec.standard();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TRACES = Topic.TRACES.topicName();

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> traces;
  private TestInputTopic<String, byte[]> runs;
  private TestOutputTopic<String, byte[]> scored;
  private TestOutputTopic<String, byte[]> referenceStats;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void start() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            ScoringTopology.build("correctness", Clock.fixed(NOW, ZoneOffset.UTC), metrics), props);
    traces = input(TRACES);
    runs = input(Topic.RUNS.topicName());
    scored = output(Topic.SCORED_TRACES.topicName());
    referenceStats = output(Topic.REFERENCE_STATS.topicName());
    deadLetters = output(Topic.DEAD_LETTERS.topicName());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private TestInputTopic<String, byte[]> input(String topic) {
    return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
  }

  private TestOutputTopic<String, byte[]> output(String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private void requestRun(String runId, String reward) {
    RunRequested run =
        SampleEvents.runRequested(
            runId, "thinkprune", "method: thinkprune\nreward: " + reward + "\n");
    runs.pipeInput(runId, CODEC.encode(run));
  }

  private void send(List<Trace> group) {
    group.forEach(t -> traces.pipeInput(t.getProblem().getProblemId(), CODEC.encode(t)));
  }

  /** The scored traces published so far, by trace id (read off the topic, so each once). */
  private Map<String, ScoredTrace> scored() {
    Map<String, ScoredTrace> byId = new LinkedHashMap<>();
    for (byte[] value : scored.readValuesToList()) {
      ScoredTrace trace = CODEC.decode(ScoredTrace.class, value, RecordLocation.ofTopic("out"));
      assertThat(byId.put(trace.getTraceId(), trace)).as("scored twice").isNull();
    }
    return byId;
  }

  private KeyValueStore<String, byte[]> pendingGroups() {
    return driver.getKeyValueStore(ScoringTopology.PENDING_GROUPS);
  }

  private static long count(KeyValueStore<String, byte[]> store) {
    return store.approximateNumEntries();
  }

  @Test
  void aGroupRewardWaitsUntilAllKTracesAreInThenScoresThemTogether() {
    requestRun("run-kimi", "kimi");
    List<Trace> group =
        SampleEvents.group(
            "run-kimi", "g1", RolloutPurpose.TRAINING, 10, true, 20, false, 30, true);

    send(group.subList(0, 2));
    assertThat(scored.isEmpty()).as("nothing scored before the third trace").isTrue();
    assertThat(count(pendingGroups())).isEqualTo(2);

    send(group.subList(2, 3));
    Map<String, ScoredTrace> result = scored();
    assertThat(result).containsOnlyKeys("g1/0", "g1/1", "g1/2");
    // Kimi: lengths 10, 20, 30 -> lambda = 0.5 - (L - 10) / 20 = 0.5, 0, -0.5;
    // right traces get 1 + lambda, the wrong one min(0, lambda)
    assertThat(result.get("g1/0").getReward()).isCloseTo(1.5, within(1e-12));
    assertThat(result.get("g1/1").getReward()).isCloseTo(0.0, within(1e-12));
    assertThat(result.get("g1/2").getReward()).isCloseTo(0.5, within(1e-12));
    assertThat(result.get("g1/2").getTrace()).isEqualTo(group.get(2));
    assertThat(count(pendingGroups())).as("the group left the store").isZero();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aRewardOfOneTraceScoresAtOnceWithEachRunsSpec() {
    requestRun("run-limit", "thinkprune(limit=8)");
    send(SampleEvents.group("run-limit", "q1", RolloutPurpose.TRAINING, 4, true));
    send(SampleEvents.group("run-limit", "q2", RolloutPurpose.TRAINING, 10, true));
    send(SampleEvents.group("run-unnamed", "q3", RolloutPurpose.TRAINING, 4, true));

    Map<String, ScoredTrace> result = scored();
    assertThat(result.get("q1/0").getReward()).isEqualTo(1.0);
    assertThat(result.get("q1/0").getRewardVersion())
        .isEqualTo("thinkprune(limit=8,lenient=false)@1.v3");
    assertThat(result.get("q2/0").getReward()).isZero(); // right, but over the limit
    assertThat(result.get("q2/0").getComponents()).containsEntry("withinLimit", 0.0);
    assertThat(result.get("q3/0").getRewardVersion()).isEqualTo("correctness@2.v3");
    assertThat(metrics.counter("brevity.reward.scored", "reward", "correctness@2.v3").count())
        .isEqualTo(1.0);
  }

  @Test
  void aReferenceGroupPublishesItsStatisticsAndLaterTracesScoreAgainstThem() {
    requestRun("run-o1", "o1-pruner(lambda=2)");
    List<Trace> reference =
        SampleEvents.group("run-o1", "ref1", RolloutPurpose.REFERENCE, 10, true, 30, false);
    send(reference.subList(0, 1));
    assertThat(referenceStats.isEmpty()).as("waits for the second sample").isTrue();
    assertThat(scored.isEmpty()).isTrue();
    send(reference.subList(1, 2));

    List<TestRecord<String, byte[]>> published = referenceStats.readRecordsToList();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).key()).isEqualTo("run-o1/p-ref1");
    ReferenceStats stats =
        CODEC.decode(ReferenceStats.class, published.get(0).value(), RecordLocation.ofTopic("o"));
    assertThat(stats.getSamples()).isEqualTo(2);
    assertThat(stats.getMeanLength()).isEqualTo(20.0);
    assertThat(stats.getMeanAccuracy()).isEqualTo(0.5);
    assertThat(stats.getCorrectLengths()).containsExactly(10);
    // O1-Pruner against its own group: 20/10 - 1 + 2 * (1 - 0.5) = 2
    assertThat(scored().get("ref1/0").getReward()).isCloseTo(2.0, within(1e-12));

    Trace training =
        Trace.newBuilder(
                SampleEvents.group("run-o1", "ref1", RolloutPurpose.TRAINING, 5, true).get(0))
            .setRequestId("t1")
            .setTraceId("t1/0")
            .build();
    send(List.of(training));
    // 20/5 - 1 + 2 * (1 - 0.5) = 4, the clip's maximum
    assertThat(scored().get("t1/0").getReward()).isEqualTo(4.0);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aTraceWhoseRewardNeedsMissingReferenceStatisticsIsDeadLettered() {
    requestRun("run-o1", "o1-pruner(lambda=2)");
    Trace trace = SampleEvents.group("run-o1", "q1", RolloutPurpose.TRAINING, 5, true).get(0);
    send(List.of(trace));

    assertThat(scored.isEmpty()).isTrue();
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(header(dead, DeadLetters.REASON))
        .contains("needs reference statistics of problem p-q1 in run run-o1");
    assertThat(header(dead, DeadLetters.EXCEPTION))
        .isEqualTo(IllegalArgumentException.class.getName());
    assertThat(dead.value()).isEqualTo(CODEC.encode(trace));
  }

  @Test
  void aMalformedRecordIsDeadLetteredWithTheReasonAndScoringGoesOn() {
    byte[] poison = {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9};
    traces.pipeInput("poison-key", poison);
    send(SampleEvents.group("run-ok", "q1", RolloutPurpose.TRAINING, 4, true));

    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(dead.key()).isEqualTo("poison-key");
    assertThat(dead.value()).isEqualTo(poison);
    assertThat(header(dead, DeadLetters.REASON))
        .startsWith("cannot decode record from " + TRACES + "-0 at offset 0:")
        .contains("unknown schema fingerprint");
    assertThat(header(dead, DeadLetters.TOPIC)).isEqualTo(TRACES);
    assertThat(header(dead, DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(header(dead, DeadLetters.OFFSET)).isEqualTo("0");
    assertThat(metrics.counter("brevity.dead.letters", "topic", TRACES).count()).isEqualTo(1.0);
    assertThat(scored()).containsOnlyKeys("q1/0");
  }

  @Test
  void anEventThatIsNoTraceIsDeadLettered() {
    traces.pipeInput("k", CODEC.encode(SampleEvents.rolloutRequest("run-1", "r1", 1)));

    assertThat(header(deadLetters.readRecord(), DeadLetters.REASON))
        .contains("RolloutRequest does not belong on " + TRACES);
    assertThat(scored.isEmpty()).isTrue();
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    return DeadLetters.header(record.headers(), name);
  }
}
