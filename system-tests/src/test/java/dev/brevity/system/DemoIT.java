package dev.brevity.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.broker.EmbeddedKafkaBroker;
import dev.brevity.cli.BrevityCommand;
import dev.brevity.cli.kafka.TopicReader;
import dev.brevity.events.ScoredTrace;
import dev.brevity.policy.checkpoint.DurableFiles;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./brevity demo --quick} as a new user runs it, through the launcher script, on the
 * packaged services: a real broker, four service processes, two real training runs and their
 * evaluation; then what it wrote.
 */
class DemoIT {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Path OUT = Path.of("target", "demo-it").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String printed;
  private static int exitCode;

  @BeforeAll
  static void runTheQuickDemo() throws Exception {
    DurableFiles.deleteTree(OUT);
    Path output = Files.createTempFile("demo-it-", ".out");
    List<String> command = new ArrayList<>();
    command.add(HOME.resolve("brevity").toString());
    command.addAll(
        List.of(
            "demo",
            "--quick",
            "--exit",
            "--out",
            OUT.toString(),
            "--dashboard-port",
            Integer.toString(freePort())));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("BREVITY_NO_BUILD", "1"); // the Maven build packaged everything
    Process demo = builder.start();
    if (!demo.waitFor(20, TimeUnit.MINUTES)) {
      demo.destroy();
      demo.waitFor(60, TimeUnit.SECONDS);
      throw new AssertionError("the quick demo did not finish in 20 minutes:\n" + tail(output));
    }
    exitCode = demo.exitValue();
    printed = Files.readString(output, StandardCharsets.UTF_8);
  }

  @Test
  void finishesAndPrintsTheComparison() {
    assertThat(exitCode).as(tail(printed)).isZero();
    assertThat(printed)
        .contains("dashboard at http://127.0.0.1:")
        .contains("reference  [")
        .contains("training   [")
        .contains("evaluation [")
        .contains("budget forcing @150")
        .contains("Per difficulty")
        .contains("finished in");
    // service log lines arrive prefixed with the service's name
    assertThat(printed).containsPattern("(?m)^trainer +\\| .*run demo-o1-pruner-.* succeeded");
    assertThat(printed).containsPattern("(?m)^eval +\\| ");
  }

  @Test
  void writesSummaryJsonWithEachRunAgainstTheReference() throws IOException {
    JsonNode summary = JSON.readTree(OUT.resolve("summary.json").toFile());
    JsonNode reference = summary.path("reference");
    double referenceLength = reference.path("meanLength").asDouble();
    assertThat(reference.path("accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(referenceLength).isPositive();
    assertThat(reference.path("perDifficulty")).hasSize(7);
    assertThat(summary.path("budgetForcing")).hasSize(2);
    assertThat(summary.path("evalSet").asText()).isEqualTo("arith-eval:2-per-level:seed-1");

    JsonNode runs = summary.path("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).path("method").asText()).isEqualTo("o1-pruner");
    assertThat(runs.get(1).path("method").asText()).isEqualTo("thinkprune");
    for (JsonNode run : runs) {
      assertThat(run.path("state").asText()).isEqualTo("SUCCEEDED");
      assertThat(run.path("accuracy").asDouble()).isBetween(0.0, 1.0);
      double length = run.path("meanLength").asDouble();
      assertThat(length).isPositive();
      assertThat(run.path("lengthChangePct").asDouble())
          .isCloseTo(100 * (length - referenceLength) / referenceLength, within());
      assertThat(run.path("aes").isNumber()).as("AES of " + run).isTrue();
      assertThat(run.path("perDifficulty")).hasSize(7);
      assertThat(run.path("resultVersion").asLong()).isBetween(1L, 4L);
    }
    assertThat(summary.path("elapsedSeconds").asDouble()).isPositive();
  }

  @Test
  void writesASelfContainedReportAndTheServicesLogs() throws IOException {
    String html = Files.readString(OUT.resolve("report.html"));
    assertThat(html).contains("<svg id=\"tradeoff\"").contains("class=\"reference\"");
    assertThat(html.split("class=\"budget\"", -1)).hasSize(3); // two budgets
    assertThat(html).doesNotContain("<script").doesNotContain("src=\"http");
    for (String service : List.of("reward", "sampler", "trainer", "eval")) {
      assertThat(OUT.resolve("logs").resolve(service + ".log")).isNotEmptyFile();
    }
  }

  @Test
  void replayReproducesTheRunsOwnScoresAndRescoresThemWithAnotherReward() throws Exception {
    JsonNode runs = JSON.readTree(OUT.resolve("summary.json").toFile()).path("runs");
    String o1 = runs.get(0).path("runId").asText();
    String thinkprune = runs.get(1).path("runId").asText();
    // the demo's broker, started again on the data it left
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(OUT.resolve("broker"), 0)) {
      String bootstrap = broker.bootstrapServers();
      for (String runId : List.of(o1, thinkprune)) {
        JsonNode own = replay("--run", runId, "--bootstrap", bootstrap, "--json");
        assertThat(own.path("compared").asInt()).as(runId).isPositive();
        assertThat(own.path("skipped").path("traces").asInt()).as(runId).isZero();
        assertThat(own.path("changed").asInt()).as("own spec, " + runId).isZero();
        assertThat(own.path("meanAfter").asDouble()).isEqualTo(own.path("meanBefore").asDouble());
      }

      // thinkprune(limit=250): 1 for a correct trace of at most 250 tokens, else 0, computed
      // here from the original scored traces, independently of the replay
      List<ScoredTrace> scored = scoredTraces(bootstrap, thinkprune);
      int limit = 250;
      double before = 0;
      double after = 0;
      int changed = 0;
      for (ScoredTrace trace : scored) {
        double expected = trace.getCorrect() && trace.getLength() <= limit ? 1 : 0;
        before += trace.getReward();
        after += expected;
        changed += expected != trace.getReward() ? 1 : 0;
      }
      JsonNode other =
          replay(
              "--run",
              thinkprune,
              "--reward",
              "thinkprune(limit=" + limit + ")",
              "--bootstrap",
              bootstrap,
              "--json");
      assertThat(other.path("compared").asInt()).isEqualTo(scored.size());
      assertThat(other.path("meanBefore").asDouble()).isCloseTo(before / scored.size(), within());
      assertThat(other.path("meanAfter").asDouble()).isCloseTo(after / scored.size(), within());
      assertThat(other.path("changed").asInt()).isEqualTo(changed).isPositive();
      for (JsonNode row : other.path("top")) {
        double expected =
            row.path("correct").asBoolean() && row.path("length").asInt() <= limit ? 1 : 0;
        assertThat(row.path("after").asDouble()).as(row.toString()).isEqualTo(expected);
      }

      // status lists both runs with their results; run --detach submits a new one
      cli(
          "run",
          HOME.resolve("configs/demo-quick/thinkprune.yaml").toString(),
          "--bootstrap",
          bootstrap,
          "--run-id",
          "submitted-later",
          "--detach");
      String status = cli("status", "--bootstrap", bootstrap);
      assertThat(status)
          .containsPattern("(?m)^" + o1 + " +o1-pruner +SUCCEEDED ")
          .containsPattern("(?m)^" + thinkprune + " +thinkprune +SUCCEEDED ")
          .containsPattern("(?m)^submitted-later +thinkprune +UNKNOWN ");
    }
  }

  /** Runs {@code brevity replay ARGS} in this JVM; returns its JSON. */
  private static JsonNode replay(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("replay"));
    command.addAll(List.of(args));
    return JSON.readTree(cli(command.toArray(String[]::new)));
  }

  /** Runs {@code brevity ARGS} in this JVM; returns what it printed. */
  private static String cli(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      int exit = BrevityCommand.commandLine().execute(args);
      assertThat(exit).as("brevity " + String.join(" ", args)).isZero();
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The run's scored traces on brevity.scored-traces, once each. */
  private static List<ScoredTrace> scoredTraces(String bootstrap, String runId) {
    Map<String, ScoredTrace> byTrace = new LinkedHashMap<>();
    TopicReader.readAll(
        bootstrap,
        Topic.SCORED_TRACES.topicName(),
        record -> {
          ScoredTrace trace =
              EventCodec.standard()
                  .decode(
                      ScoredTrace.class, record.value(), RecordLocation.ofTopic(record.topic()));
          if (trace.getRunId().equals(runId)) {
            byTrace.put(trace.getTraceId(), trace);
          }
        });
    return List.copyOf(byTrace.values());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static String tail(Path file) {
    try {
      return tail(Files.readString(file));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static String tail(String text) {
    return text == null ? "" : text.substring(Math.max(0, text.length() - 6000));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
