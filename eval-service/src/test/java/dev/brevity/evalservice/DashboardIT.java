package dev.brevity.evalservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.cli.BrevityCommand;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.HeadlessChromium;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.PipelineServices;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.ServiceProcess;
import dev.brevity.testsupport.SharedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real run watched in a real browser: trainer, sampler, reward-service and eval-service as
 * packaged processes on the real broker, a short ThinkPrune run from the shipped reference model,
 * and the dashboard in headless Chromium.
 */
class DashboardIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final Path REFERENCE = Path.of("..", "models", "reference").toAbsolutePath();
  private static final Path SCREENSHOT = Path.of("target", "dashboard-it", "dashboard.png");
  // 2 stages × 2 updates; 4 prompts a step from 7 problems: every problem is sampled again later
  private static final int VERSIONS = 4;
  // the eval-service's held-out set, as `brevity eval` options
  private static final List<String> EVAL_OPTIONS =
      List.of(
          "--split",
          "eval",
          "--per-level",
          "1",
          "--seed",
          "1",
          "--max-new-tokens",
          "200",
          "--batch-size",
          "8");

  private static final KafkaTestClient kafka =
      new KafkaTestClient(SharedKafkaBroker.bootstrapServers());
  private static final List<ServiceProcess> services = new ArrayList<>();
  private static ServiceProcess eval;

  @BeforeAll
  static void startServices() throws Exception {
    Path store = Files.createTempDirectory("eval-it-store-");
    String bootstrap = kafka.bootstrapServers();
    services.add(PipelineServices.reward(bootstrap, TIMEOUT));
    services.add(PipelineServices.sampler(bootstrap, "512m", REFERENCE, store, 8, TIMEOUT));
    services.add(PipelineServices.trainer(bootstrap, REFERENCE, store, "auto", TIMEOUT));
    eval =
        ServiceProcess.start(
            "eval",
            Path.of("."),
            "512m",
            bootstrap,
            Map.of(
                "brevity.eval.base-model", REFERENCE.toString(),
                "brevity.eval.per-level", "1",
                "brevity.eval.max-new-tokens", "200",
                "brevity.eval.batch-size", "8",
                "brevity.eval.budgets", "60,120",
                "brevity.eval.answer-tokens", "8"),
            TIMEOUT);
    services.add(eval);
  }

  @AfterAll
  static void stopServices() {
    services.forEach(ServiceProcess::close);
  }

  @Test
  void theDashboardFollowsARealRunLiveAndItsNumbersAreTheCliEvaluations() throws Exception {
    assertThat(HeadlessChromium.installed())
        .as("Debian's chromium and chromium-driver (.ci/run installs them)")
        .isTrue();
    String runId = "dash-" + UUID.randomUUID();
    try (HeadlessChromium browser = HeadlessChromium.start(Duration.ofSeconds(60))) {
      // the page is open before the run exists: everything after arrives live
      browser.open(eval.uri().resolve("/"));
      browser.await(
          "return document.getElementById('live').textContent", v -> v.asText().equals("live"));
      browser.execute("window.brevityMarker = 42; return true;");
      kafka.send(Topic.RUNS.topicName(), runId, run(runId));

      String row = "document.querySelector('#runs tr[data-run=\"" + runId + "\"]')";
      browser.await("return " + row + " !== null", JsonNode::asBoolean);
      browser.execute(row + ".click(); return true;");
      String shownVersions =
          "return [...document.querySelectorAll('#evals tbody tr')]"
              + ".map(r => Number(r.dataset.version))";
      JsonNode first = browser.await(shownVersions, v -> v.size() > 0);
      assertThat(status(runId).getPolicyVersion()).isEqualTo(VERSIONS);
      JsonNode all = browser.await(shownVersions, v -> contains(v, VERSIONS));
      // evaluations appeared one after another on the open page
      assertThat(all.size()).isGreaterThan(first.size());
      // the reference, its two budget-forcing points, and every version once
      assertThat(all.toString()).isEqualTo("[0,0,0,1,2,3,4]");

      JsonNode points =
          browser.execute(
              "return ['chart-curve','chart-tradeoff','chart-rewards','chart-lengths',"
                  + "'chart-diagnostics','chart-throughput'].map(id => "
                  + "Chart.getChart(id).data.datasets.map(d => d.data.length))");
      assertThat(points.get(0).toString()).isEqualTo("[5,5]"); // accuracy, length: v0..v4
      assertThat(points.get(1).toString()).isEqualTo("[1,4,2]"); // reference, versions, budgets
      assertThat(points.get(2).get(0).asInt()).isEqualTo(20); // reward histogram bins
      assertThat(points.get(3).get(0).asInt()).isEqualTo(20); // length histogram bins
      assertThat(points.get(4).toString()).isEqualTo("[4,4,4,4]"); // loss, KL, clip, entropy
      assertThat(points.get(5).toString()).isEqualTo("[4,4,4]"); // tokens/s, staleness
      JsonNode bars =
          browser.execute(
              "return Chart.getChart('chart-lengths').data.datasets"
                  + ".map(d => d.data.reduce((a, b) => a + b, 0))");
      assertThat(bars.get(0).asInt()).isPositive();

      // the trace inspector: the reference's (version 0) trace beside the newest version's
      JsonNode inspector =
          browser.await(
              "return ['reference-head','reference-text','latest-head','latest-text']"
                  + ".map(id => document.getElementById(id).textContent)",
              v -> v.get(3).asText().length() > 0);
      assertThat(inspector.get(0).asText()).startsWith("reference (v0, training)");
      assertThat(inspector.get(1).asText()).startsWith("<think>");
      assertThat(inspector.get(2).asText()).startsWith("latest (v").contains(" tokens — ");

      browser.screenshot(SCREENSHOT);
      assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);
      assertThat(browser.execute("return window.brevityMarker").asInt())
          .as("the page was never reloaded")
          .isEqualTo(42);
      assertThat(browser.consoleEntries())
          .as("console errors")
          .noneMatch(e -> e.path("level").asText().equals("SEVERE"));
    }

    // the evaluator's numbers are `brevity eval`'s on the same checkpoints
    CheckpointPublished last =
        kafka.awaitEvent(
            Topic.CHECKPOINTS.topicName(),
            CheckpointPublished.class,
            TIMEOUT,
            c -> c.getRunId().equals(runId) && c.getPolicyVersion() == VERSIONS);
    assertAgreesWithTheCli(greedyEval(runId, VERSIONS), Path.of(URI.create(last.getUri())));
    assertAgreesWithTheCli(greedyEval(runId, 0), REFERENCE);

    // the run's traces replayed with another reward and published: the run page shows them
    JsonNode replay =
        new ObjectMapper()
            .readTree(
                runCli(
                    List.of(
                        "replay",
                        "--run",
                        runId,
                        "--reward",
                        "thinkprune(limit=50)",
                        "--publish",
                        "--json",
                        "--bootstrap",
                        kafka.bootstrapServers())));
    int published = replay.path("compared").asInt();
    assertThat(published).isPositive();
    JsonNode shown =
        awaitJson(
            "/api/runs/" + runId,
            d ->
                d.path("replays").size() == 1
                    && d.path("replays").get(0).path("traces").asInt() == published);
    JsonNode row = shown.path("replays").get(0);
    assertThat(row.path("rewardVersion").asText()).startsWith("thinkprune(limit=50");
    assertThat(row.path("meanReward").asDouble())
        .isCloseTo(replay.path("meanAfter").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
  }

  /** GETs {@code path} on the eval-service until its JSON satisfies {@code done}. */
  private static JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = new ObjectMapper().readTree(eval.get(path));
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(path + " never satisfied the condition; last: " + last);
  }

  @Test
  void deadLettersACheckpointWhoseFilesAreGoneOrDoNotLoad() throws Exception {
    String gone = "ghost-" + UUID.randomUUID();
    kafka.send(Topic.CHECKPOINTS.topicName(), gone, checkpoint(gone, "file:/nonexistent/v1"));
    String corrupt = "corrupt-" + UUID.randomUUID();
    Path dir = Files.createTempDirectory("corrupt-checkpoint-");
    Files.writeString(dir.resolve("model.safetensors"), "not safetensors");
    kafka.send(Topic.CHECKPOINTS.topicName(), corrupt, checkpoint(corrupt, dir.toUri().toString()));

    assertDeadLettered(gone, "no model.safetensors");
    assertDeadLettered(corrupt, "cannot be evaluated");
  }

  private static void assertDeadLettered(String runId, String reason) {
    ConsumerRecord<String, byte[]> dead =
        kafka.awaitRecord(
            Topic.DEAD_LETTERS.topicName(),
            TIMEOUT,
            r ->
                runId.equals(r.key())
                    && DeadLetters.header(r.headers(), DeadLetters.REASON).contains(reason));
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC))
        .isEqualTo(Topic.CHECKPOINTS.topicName());
  }

  private static CheckpointPublished checkpoint(String runId, String uri) {
    return CheckpointPublished.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(Instant.now())
        .setPolicyVersion(1)
        .setUri(uri)
        .setManifestSha256("0".repeat(64))
        .setStage(0)
        .setStep(1)
        .setParentVersion(0L)
        .build();
  }

  private static void assertAgreesWithTheCli(EvalCompleted evaluation, Path checkpoint)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("eval", "--checkpoint", checkpoint.toString()));
    args.addAll(EVAL_OPTIONS);
    args.add("--json");
    JsonNode cli = new ObjectMapper().readTree(runCli(args));
    assertThat(evaluation.getAccuracy()).isEqualTo(cli.path("accuracy").asDouble());
    assertThat(evaluation.getMeanLength()).isEqualTo(cli.path("meanLength").asDouble());
    assertThat(evaluation.getProblems()).isEqualTo(cli.path("n").asInt());
    for (DifficultyResult level : evaluation.getPerDifficulty()) {
      JsonNode same = cli.path("byDifficulty").path(Integer.toString(level.getDifficulty()));
      assertThat(level.getAccuracy()).isEqualTo(same.path("accuracy").asDouble());
      assertThat(level.getMeanLength()).isEqualTo(same.path("meanLength").asDouble());
    }
    assertThat(evaluation.getPerDifficulty()).hasSize(7);
  }

  /** Runs {@code brevity ARGS} in this JVM; returns what it printed. */
  private static String runCli(List<String> args) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      int exit = BrevityCommand.commandLine().execute(args.toArray(String[]::new));
      assertThat(exit).as("brevity " + String.join(" ", args)).isZero();
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static EvalCompleted greedyEval(String runId, long version) {
    return kafka.awaitEvent(
        Topic.EVAL_RESULTS.topicName(),
        EvalCompleted.class,
        TIMEOUT,
        e ->
            e.getRunId().equals(runId)
                && e.getPolicyVersion() == version
                && e.getDecoding().equals("greedy")
                && e.getTokenBudget() == null);
  }

  private static RunStatus status(String runId) {
    return kafka.awaitEvent(
        Topic.RUNS.topicName(),
        RunStatus.class,
        TIMEOUT,
        s -> s.getRunId().equals(runId) && s.getState() == RunState.SUCCEEDED);
  }

  private static boolean contains(JsonNode versions, int version) {
    for (JsonNode v : versions) {
      if (v.asInt() == version) {
        return true;
      }
    }
    return false;
  }

  private static RunRequested run(String runId) {
    return SampleEvents.runRequested(
        runId,
        "thinkprune",
        """
        reward: [thinkprune(limit=96), thinkprune(limit=64)]
        per-level: 1
        prompts-per-step: 4
        samples: 2
        steps-per-stage: 2
        learning-rate: 1e-5
        """);
  }
}
