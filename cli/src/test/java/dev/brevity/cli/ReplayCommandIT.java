package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.reward.Rewards;
import dev.brevity.schemas.Topic;
import dev.brevity.scoring.TraceScorer;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.SharedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code brevity replay} and {@code brevity topics dump} in this JVM against the real shared
 * broker, on a small run history published the way the services publish it.
 *
 * <p>Run {@code reward: thinkprune(limit=8)}; request qA (K=3, version 1): 4 tokens right, 10
 * right, 6 wrong → 1, 0, 0; request qB (K=2, version 2): 5 right, 12 wrong → 1, 0; request qC
 * (K=2): one trace only. Reference statistics p-qA L̄ = 8, Ā = 0.5; p-qB L̄ = 10, Ā = 1. O1-Pruner
 * (λ = 2), clip(L̄/L − 1 + 2(A − Ā), −2, 4): qA 2, 0.8, −2/3; qB 1 (unchanged), −2 (clipped from
 * −2.1667). Means: before 2/5 = 0.4, after (17/15)/5 = 17/75. Ranks before (4.5, 2, 2, 4.5, 2),
 * after (5, 3, 2, 4, 1): ρ = 7.5/√(7.5·10) = √3/2.
 */
class ReplayCommandIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KafkaTestClient KAFKA =
      new KafkaTestClient(SharedKafkaBroker.bootstrapServers());
  private static final String RUN = "run-replay-" + UUID.randomUUID();
  private static final String SPEC = "thinkprune(limit=8)";

  @BeforeAll
  static void publishARunsHistory() {
    Instant now = Instant.now();
    KAFKA.send(
        Topic.RUNS.topicName(),
        RUN,
        SampleEvents.runRequested(RUN, "thinkprune", "method: thinkprune\nreward: " + SPEC + "\n"));
    List<Trace> qA =
        SampleEvents.group(RUN, "qA", RolloutPurpose.TRAINING, 4, true, 10, true, 6, false);
    List<Trace> qB =
        SampleEvents.group(RUN, "qB", RolloutPurpose.TRAINING, 5, true, 12, false).stream()
            .map(t -> Trace.newBuilder(t).setPolicyVersion(2).build())
            .toList();
    Trace qC = SampleEvents.group(RUN, "qC", RolloutPurpose.TRAINING, 3, true, 3, true).get(0);

    List<Map.Entry<String, Trace>> traces = new ArrayList<>();
    for (Trace trace : concat(qA, List.of(qC), qB)) {
      traces.add(Map.entry(trace.getProblem().getProblemId(), trace));
    }
    KAFKA.sendAll(Topic.TRACES.topicName(), traces);
    KAFKA.sendAll(
        Topic.REFERENCE_STATS.topicName(),
        List.of(
            Map.entry(RUN + "/p-qA", SampleEvents.referenceStats(RUN, "p-qA", 8, 0.5, List.of(6))),
            Map.entry(
                RUN + "/p-qB", SampleEvents.referenceStats(RUN, "p-qB", 10, 1.0, List.of(9, 11)))));
    List<Map.Entry<String, ScoredTrace>> scored = new ArrayList<>();
    for (List<Trace> group : List.of(qA, qB)) {
      for (ScoredTrace s : TraceScorer.scoreGroup(group, Rewards.of(SPEC), null, now).traces()) {
        scored.add(Map.entry(s.getTrace().getProblem().getProblemId(), s));
      }
    }
    KAFKA.sendAll(Topic.SCORED_TRACES.topicName(), scored);
  }

  @SafeVarargs
  private static List<Trace> concat(List<Trace>... lists) {
    List<Trace> all = new ArrayList<>();
    for (List<Trace> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  private static JsonNode replayJson(String... options) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("replay", "--run", RUN, "--bootstrap", KAFKA.bootstrapServers(), "--json"));
    args.addAll(List.of(options));
    CommandRun run = CommandRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
    return JSON.readTree(run.stdout());
  }

  @Test
  void theRunsOwnSpecReproducesEveryOriginalScore() throws Exception {
    JsonNode own = replayJson();

    assertThat(own.path("compared").asInt()).isEqualTo(5);
    assertThat(own.path("changed").asInt()).isZero();
    assertThat(own.path("meanBefore").asDouble()).isEqualTo(0.4);
    assertThat(own.path("meanAfter").asDouble()).isEqualTo(0.4);
    assertThat(own.path("spearman").asDouble()).isCloseTo(1.0, within(1e-12));
    assertThat(own.path("skipped").path("incompleteGroups").asInt()).isEqualTo(1);
    assertThat(own.path("skipped").path("traces").asInt()).isEqualTo(1);
    assertThat(own.path("rewardVersions").get(0).asText())
        .isEqualTo("thinkprune(limit=8,lenient=false)@1.v3");
  }

  @Test
  void anotherSpecChangesTheHandComputedScores() throws Exception {
    JsonNode o1 = replayJson("--reward", "o1-pruner(lambda=2)", "--top", "2");

    assertThat(o1.path("compared").asInt()).isEqualTo(5);
    assertThat(o1.path("changed").asInt()).isEqualTo(4);
    assertThat(o1.path("meanBefore").asDouble()).isEqualTo(0.4);
    assertThat(o1.path("meanAfter").asDouble()).isCloseTo(17.0 / 75, within(1e-12));
    assertThat(o1.path("spearman").asDouble()).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
    assertThat(o1.path("top")).hasSize(2);
    assertThat(o1.path("top").get(0).path("traceId").asText()).isEqualTo("qB/1");
    assertThat(o1.path("top").get(0).path("after").asDouble()).isEqualTo(-2.0);
    assertThat(o1.path("top").get(0).path("policyVersion").asLong()).isEqualTo(2);
    assertThat(o1.path("top").get(0).path("length").asInt()).isEqualTo(12);
    assertThat(o1.path("top").get(1).path("traceId").asText()).isEqualTo("qA/0");

    JsonNode version1 = replayJson("--reward", "o1-pruner(lambda=2)", "--versions", "..1");
    assertThat(version1.path("compared").asInt()).isEqualTo(3);
    assertThat(version1.path("changed").asInt()).isEqualTo(3);

    CommandRun text =
        CommandRun.of(
            "replay",
            "--run",
            RUN,
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--reward",
            "o1-pruner(lambda=2)");
    assertThat(text.stdout())
        .contains("changed          4 of 5")
        .contains("mean reward      before 0.4000  after 0.2267")
        .contains("spearman         0.8660");
  }

  @Test
  void publishWritesTheNewScoresToTheReplayTopic() throws Exception {
    JsonNode published = replayJson("--reward", "thinkprune(limit=5)", "--publish");
    assertThat(published.path("published").asInt()).isEqualTo(5);
    // limit 5: qA/0 (4 tokens, right) 1; qB/0 (5 tokens, right) 1; the rest 0 — as before
    assertThat(published.path("changed").asInt()).isZero();

    List<ScoredTrace> replayed =
        KAFKA.awaitEvents(
            Topic.REPLAYED_TRACES.topicName(),
            ScoredTrace.class,
            5,
            TIMEOUT,
            Duration.ofSeconds(1),
            s -> s.getRunId().equals(RUN));
    assertThat(replayed).hasSize(5);
    assertThat(replayed)
        .allSatisfy(
            s -> {
              assertThat(s.getRewardVersion()).isEqualTo("thinkprune(limit=5,lenient=false)@1.v3");
              assertThat(s.getRewardSpec()).isEqualTo("thinkprune(limit=5)");
            });

    CommandRun dump =
        CommandRun.of(
            "topics",
            "dump",
            "replayed-traces",
            "--from-beginning",
            "--bootstrap",
            KAFKA.bootstrapServers());
    assertThat(dump.exitCode()).isZero();
    JsonNode line = null;
    for (String text : dump.stdout().split("\n")) {
      JsonNode candidate = JSON.readTree(text);
      if (candidate.path("value").path("runId").asText().equals(RUN)
          && candidate.path("value").path("traceId").asText().equals("qA/0")) {
        line = candidate;
      }
    }
    assertThat(line).as("qA/0 of the run in the dump").isNotNull();
    assertThat(line.path("topic").asText()).isEqualTo("brevity.replayed-traces");
    assertThat(line.path("key").asText()).isEqualTo("p-qA");
    assertThat(line.path("offset").asLong()).isNotNegative();
    assertThat(line.path("value").path("reward").asDouble()).isEqualTo(1.0);
    assertThat(line.path("value").path("trace").path("finishReason").asText()).isEqualTo("EOS");
    assertThat(line.path("value").path("occurredAt").asText()).endsWith("Z");
  }

  @Test
  void dumpStopsAfterTheLimitAndPrintsNothingNewWithoutFromBeginning() throws Exception {
    CommandRun one =
        CommandRun.of(
            "topics",
            "dump",
            "brevity.traces",
            "--from-beginning",
            "--limit",
            "1",
            "--bootstrap",
            KAFKA.bootstrapServers());
    assertThat(one.exitCode()).isZero();
    assertThat(one.stdout().strip().split("\n")).hasSize(1);
    assertThat(JSON.readTree(one.stdout()).path("value").has("traceId")).isTrue();

    CommandRun fromEnd =
        CommandRun.of("topics", "dump", "traces", "--bootstrap", KAFKA.bootstrapServers());
    assertThat(fromEnd.exitCode()).isZero();
    assertThat(fromEnd.stdout()).isEmpty();
  }

  @Test
  void badInputExitsWithCode2() {
    String bootstrap = KAFKA.bootstrapServers();
    assertThat(CommandRun.of("replay", "--run", "no-such-run", "--bootstrap", bootstrap).exitCode())
        .isEqualTo(2);
    assertThat(
            CommandRun.of("replay", "--run", RUN, "--bootstrap", bootstrap, "--reward", "nope")
                .exitCode())
        .isEqualTo(2);
    assertThat(
            CommandRun.of("replay", "--run", RUN, "--bootstrap", bootstrap, "--versions", "3..1")
                .exitCode())
        .isEqualTo(2);
  }
}
