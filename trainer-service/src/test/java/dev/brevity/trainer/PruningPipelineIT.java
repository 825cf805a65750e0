package dev.brevity.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import dev.brevity.run.RunPlan;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.PipelineServices;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.ServiceProcess;
import dev.brevity.testsupport.SharedKafkaBroker;
import dev.brevity.testsupport.TinyCheckpoints;
import dev.brevity.train.LocalRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on the real broker, every service a packaged process: trainer, sampler and
 * reward-service, on a tiny random policy and tiny runs. Counts come from the topics, as a
 * read_committed consumer sees them.
 */
class PruningPipelineIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private static Path base;
  private static Path store;
  private static ServiceProcess reward;
  private static ServiceProcess sampler;

  private static final KafkaTestClient kafka =
      new KafkaTestClient(SharedKafkaBroker.bootstrapServers());

  @BeforeAll
  static void startSamplerAndReward() throws Exception {
    base = Files.createTempDirectory("trainer-base-");
    TinyCheckpoints.write(base, 7);
    store = Files.createTempDirectory("trainer-store-");
    reward = PipelineServices.reward(kafka.bootstrapServers(), TIMEOUT);
    sampler = PipelineServices.sampler(kafka.bootstrapServers(), "384m", base, store, 16, TIMEOUT);
  }

  @AfterAll
  static void stop() {
    if (sampler != null) {
      sampler.close();
    }
    if (reward != null) {
      reward.close();
    }
  }

  private ServiceProcess startTrainer() {
    return startTrainer("auto");
  }

  private ServiceProcess startTrainer(String device) {
    return PipelineServices.trainer(kafka.bootstrapServers(), base, store, device, TIMEOUT);
  }

  @Test
  void aDeviceThatIsNotThereFailsTheStartNamingTheKey() {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");

    assertThatThrownBy(() -> startTrainer("gpu"))
        .hasMessageContaining("trainer exited")
        .hasMessageContaining("brevity.trainer.device=gpu but PyTorch sees 0 GPU(s)");
    assertThatThrownBy(() -> startTrainer("cuda"))
        .hasMessageContaining("trainer exited")
        .hasMessageContaining("valid values: auto, cpu, gpu, gpu:N");
  }

  @Test
  void aThinkpruneRunOneStepOffPolicyPublishesEveryVersionOnceAndGivesEveryTraceOneFate()
      throws Exception {
    String thinkprune = "tp-" + UUID.randomUUID();
    String unknown = "bad-" + UUID.randomUUID();
    String badKey = "typo-" + UUID.randomUUID();
    try (ServiceProcess trainer = startTrainer()) {
      kafka.sendBytes(
          Topic.RUNS.topicName(), "garbage", "not an event".getBytes(StandardCharsets.UTF_8));
      kafka.send(
          Topic.RUNS.topicName(),
          unknown,
          SampleEvents.runRequested(unknown, "prune-harder", "reward: correctness\n"));
      kafka.send(
          Topic.RUNS.topicName(),
          badKey,
          SampleEvents.runRequested(badKey, "grpo", "reward: correctness\nlearning-rat: 1\n"));
      kafka.send(
          Topic.RUNS.topicName(),
          thinkprune,
          SampleEvents.runRequested(
              thinkprune,
              "thinkprune",
              """
              reward: [thinkprune(limit=12), thinkprune(limit=8)]
              per-level: 1
              prompts-per-step: 2
              samples: 2
              steps-per-stage: 2
              max-staleness: 1
              learning-rate: 1e-3
              kl-coef: 0.01
              """));

      assertThat(status(unknown, RunState.REJECTED).getMessage())
          .startsWith("unknown method 'prune-harder'");
      assertThat(status(badKey, RunState.REJECTED).getMessage())
          .contains("unknown key learning-rat")
          .contains("valid keys:");
      ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter("garbage", TIMEOUT);
      assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC))
          .isEqualTo(Topic.RUNS.topicName());

      RunStatus tpDone = status(thinkprune, RunState.SUCCEEDED);

      // 2 stages × 2 updates (the o1-pruner run of the same shape is in the parity test)
      assertCheckpoints(thinkprune, 4);
      assertThat(tpDone.getPolicyVersion()).isEqualTo(4);
      assertEveryTraceHasOneFate(thinkprune, 2 * 2 * 2 * 2);
      List<TrainingStep> steps =
          kafka.awaitRunEvents(
              Topic.TRAINING_METRICS, TrainingStep.class, thinkprune, 4, TIMEOUT, SETTLE);
      assertThat(steps).hasSize(4);
      assertThat(steps).allSatisfy(s -> assertThat(s.getTraces()).isEqualTo(4));
      assertThat(steps).allSatisfy(s -> assertThat(s.getStalenessMax()).isLessThanOrEqualTo(1));
      // the second stage samples with the second limit
      List<Trace> traces = traces(thinkprune, 16);
      assertThat(traces.stream().filter(t -> t.getStage() == 1))
          .isNotEmpty()
          .allSatisfy(t -> assertThat(t.getSampling().getMaxNewTokens()).isEqualTo(8));
      assertThat(get(trainer, "/q/metrics")).contains("brevity_trainer_updates_total");
    }
  }

  /**
   * The parity test: the same seeded runs, a two-stage ThinkPrune run (the stage hands on its
   * shortest version, which the second stage reloads and anchors its KL term to; the random policy
   * never answers right, so an entropy bonus makes its gradients depend on the sampled traces), an
   * O1-Pruner run, and a GRPO run with dynamic sampling (groups whose Kimi rewards all agree are
   * FILTERED and more prompts requested for the batch, steps that publish no checkpoint), trained
   * by the services and by {@code brevity train}'s {@link LocalRun}, end with the same checkpoints,
   * fates and metrics, and every trace with one fate. η = 0: with η > 0 a sampler may sample a
   * request with a newer version than it names, which a run in one process never does
   * (docs/ARCHITECTURE.md).
   */
  @Test
  void theServicesAndBrevityTrainTrainTheSameRun() throws Exception {
    Map<String, String> methods = new java.util.LinkedHashMap<>();
    Map<String, String> configs = new java.util.LinkedHashMap<>();
    String thinkprune = "parity-tp-" + UUID.randomUUID();
    methods.put(thinkprune, "thinkprune");
    configs.put(
        thinkprune,
        """
        reward: [thinkprune(limit=12), thinkprune(limit=8)]
        per-level: 1
        prompts-per-step: 2
        samples: 2
        steps-per-stage: 2
        max-staleness: 0
        checkpoint-rule: shortest-within
        learning-rate: 1e-3
        kl-coef: 0.01
        entropy-coef: 0.01
        """);
    String o1 = "parity-o1-" + UUID.randomUUID();
    methods.put(o1, "o1-pruner");
    configs.put(
        o1,
        """
        reward: o1-pruner(lambda=2)
        per-level: 1
        reference-samples: 3
        max-new-tokens: 12
        batch-size: 4
        learning-rate: 1e-3
        """);
    String dynamic = "parity-ds-" + UUID.randomUUID();
    methods.put(dynamic, "grpo");
    configs.put(
        dynamic,
        """
        reward: kimi
        per-level: 1
        prompts-per-step: 2
        samples: 2
        max-new-tokens: 12
        steps-per-stage: 2
        dynamic-sampling: true
        max-sampling-rounds: 3
        learning-rate: 1e-3
        """);
    try (ServiceProcess trainer = startTrainer()) {
      for (String runId : methods.keySet()) {
        kafka.send(
            Topic.RUNS.topicName(),
            runId,
            SampleEvents.runRequested(runId, methods.get(runId), configs.get(runId)));
      }
      for (String runId : methods.keySet()) {
        status(runId, RunState.SUCCEEDED);
      }
    }
    for (String runId : methods.keySet()) {
      Path out = Files.createTempDirectory("parity-local-");
      LocalRun.Result local =
          new LocalRun(runId, RunPlan.parse(methods.get(runId), configs.get(runId)), base, out, 16)
              .run(progress -> {});
      if (runId.equals(dynamic)) {
        assertThat(local.fates())
            .as("dynamic sampling filtered a group and asked for more")
            .anyMatch(f -> "zero-variance group".equals(f.reason()));
      }
      List<CheckpointPublished> published =
          kafka.awaitRunEvents(
              Topic.CHECKPOINTS,
              CheckpointPublished.class,
              runId,
              local.updates().size(),
              TIMEOUT,
              SETTLE);
      assertThat(published).as("%s: versions", runId).hasSize(local.updates().size());
      assertCheckpoints(runId, local.updates().size());
      assertEveryTraceHasOneFate(runId, local.fates().size());
      for (CheckpointPublished checkpoint : published) {
        long version = checkpoint.getPolicyVersion();
        RunParity.assertSameTensors(
            Path.of(URI.create(checkpoint.getUri())),
            out.resolve("checkpoints").resolve(runId).resolve("v" + version));
        if (checkpoint.getResultVersion() != null) {
          assertThat(checkpoint.getResultVersion()).isEqualTo(local.finalVersion());
        }
      }
      RunParity.assertSameFates(
          kafka.awaitRunEvents(
              Topic.TRACE_FATES, TraceFate.class, runId, local.fates().size(), TIMEOUT, SETTLE),
          local.fates());
      RunParity.assertSameMetrics(
          kafka.awaitRunEvents(
              Topic.TRAINING_METRICS,
              TrainingStep.class,
              runId,
              local.updates().size(),
              TIMEOUT,
              SETTLE),
          local.updates());
    }
  }

  @Test
  void aTrainerKilledMidRunResumesWithoutLosingOrRetrainingATrace() throws Exception {
    String runId = "crash-" + UUID.randomUUID();
    int steps = 8;
    ServiceProcess trainer = startTrainer();
    try {
      kafka.send(
          Topic.RUNS.topicName(),
          runId,
          SampleEvents.runRequested(
              runId,
              "grpo",
              """
              reward: correctness
              per-level: 1
              prompts-per-step: 2
              samples: 2
              max-new-tokens: 12
              steps-per-stage: %d
              learning-rate: 1e-3
              """
                  .formatted(steps)));
      kafka.awaitEvent(
          Topic.CHECKPOINTS.topicName(),
          CheckpointPublished.class,
          TIMEOUT,
          c -> c.getRunId().equals(runId) && c.getPolicyVersion() >= 2);
      trainer.kill();
      trainer = startTrainer();
      status(runId, RunState.SUCCEEDED);
      assertThat(trainer.log())
          .as("the restarted trainer resumed mid-run")
          .contains("resumed at version");
    } finally {
      trainer.close();
    }
    assertCheckpoints(runId, steps);
    Map<String, TraceFate> fates = assertEveryTraceHasOneFate(runId, steps * 2 * 2);
    assertThat(fates.values()).allSatisfy(f -> assertThat(f.getFate().name()).isEqualTo("TRAINED"));
    // each update trained the batch sampled at its own version (η = 0)
    assertThat(fates.values())
        .allSatisfy(f -> assertThat(f.getTrainedAtVersion()).isEqualTo(f.getPolicyVersion()));
    List<TrainingStep> trainingSteps =
        kafka.awaitRunEvents(
            Topic.TRAINING_METRICS, TrainingStep.class, runId, steps, TIMEOUT, SETTLE);
    assertThat(trainingSteps.stream().map(TrainingStep::getPolicyVersion).sorted())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  private void assertCheckpoints(String runId, int versions) {
    List<CheckpointPublished> published =
        kafka.awaitRunEvents(
            Topic.CHECKPOINTS, CheckpointPublished.class, runId, versions, TIMEOUT, SETTLE);
    assertThat(published.stream().map(CheckpointPublished::getPolicyVersion))
        .as("each version committed exactly once")
        .doesNotHaveDuplicates()
        .hasSize(versions);
    for (CheckpointPublished checkpoint : published) {
      assertThat(Files.isDirectory(Path.of(URI.create(checkpoint.getUri())))).isTrue();
      // only the last checkpoint names the run's result, a version that exists
      if (checkpoint.getPolicyVersion() < versions) {
        assertThat(checkpoint.getResultVersion()).isNull();
      } else {
        assertThat(checkpoint.getResultVersion()).isBetween(0L, (long) versions);
        assertThat(Files.isDirectory(Path.of(URI.create(checkpoint.getResultUri())))).isTrue();
      }
    }
    try (var dirs = Files.list(store.resolve(runId))) {
      assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("v")).count())
          .as("no uncommitted checkpoint left in the store")
          .isEqualTo(versions);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every trace of the run has exactly one fate, and every fate a trace. */
  private Map<String, TraceFate> assertEveryTraceHasOneFate(String runId, int traceCount) {
    List<Trace> traces = traces(runId, traceCount);
    assertThat(traces.stream().map(Trace::getTraceId)).doesNotHaveDuplicates().hasSize(traceCount);
    List<TraceFate> fates =
        kafka.awaitRunEvents(
            Topic.TRACE_FATES, TraceFate.class, runId, traceCount, TIMEOUT, SETTLE);
    assertThat(fates.stream().map(TraceFate::getTraceId)).doesNotHaveDuplicates();
    assertThat(fates.stream().map(TraceFate::getTraceId).collect(Collectors.toSet()))
        .isEqualTo(traces.stream().map(Trace::getTraceId).collect(Collectors.toSet()));
    return fates.stream().collect(Collectors.toMap(TraceFate::getTraceId, Function.identity()));
  }

  private List<Trace> traces(String runId, int count) {
    return kafka.awaitRunEvents(Topic.TRACES, Trace.class, runId, count, TIMEOUT, SETTLE);
  }

  private RunStatus status(String runId, RunState state) {
    return kafka.awaitEvent(
        Topic.RUNS.topicName(),
        RunStatus.class,
        TIMEOUT,
        s -> s.getRunId().equals(runId) && s.getState() == state);
  }

  private static String get(ServiceProcess service, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(service.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}
