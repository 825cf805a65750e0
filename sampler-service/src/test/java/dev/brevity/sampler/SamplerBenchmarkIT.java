package dev.brevity.sampler;

import ai.djl.ndarray.NDManager;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.Trace;
import dev.brevity.policy.Generation;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.schemas.Topic;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Prompts;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.ServiceProcess;
import dev.brevity.testsupport.SharedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test (skipped unless {@code -Dbrevity.benchmark=true}): the sampler's tokens/s
 * end to end through Kafka at its default batch settings, next to raw generation of the same
 * samples with the same model in batches of the same size. Run from the repository root:
 *
 * <pre>
 *   ./mvnw -B -pl sampler-service -am verify -Dit.test=SamplerBenchmarkIT -Dbrevity.benchmark=true \
 *       -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "brevity.benchmark", matches = "true")
class SamplerBenchmarkIT {

  private static final Path MODEL =
      Path.of("..", "models", "reference").toAbsolutePath().normalize();
  private static final int REQUESTS = 32;
  private static final int SAMPLES = 4;
  private static final int BATCH = 32; // the sampler's default batch size
  private static final int MAX_NEW_TOKENS = 256;
  private static final int REPEATS = 5;

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());

  @Test
  void transportOverhead() throws Exception {
    double[] raw = new double[REPEATS];
    double[] sampler = new double[REPEATS];
    try (ServiceProcess service =
            ServiceProcess.start(
                "sampler-bench",
                kafka.bootstrapServers(),
                Map.of(
                    "brevity.sampler.id",
                    "sampler-bench",
                    "brevity.sampler.base-model",
                    MODEL.toString()),
                Duration.ofSeconds(120));
        NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(MODEL, manager)) {
      raw(policy, requests("warmup")); // both sides: load, JIT, first allocations
      throughKafka(requests("warmup"));
      for (int r = 0; r < REPEATS; r++) {
        List<RolloutRequest> requests = requests("bench-" + r);
        raw[r] = raw(policy, requests);
        sampler[r] = throughKafka(requests);
        System.out.printf(
            "repeat %d: raw %.1f tok/s, through Kafka %.1f tok/s%n", r, raw[r], sampler[r]);
      }
    }
    double rawMedian = median(raw);
    double samplerMedian = median(sampler);
    System.out.printf(
        "SAMPLER BENCHMARK: %d requests x %d samples, batch %d, max %d new tokens: raw %.1f tok/s,"
            + " through Kafka %.1f tok/s, ratio %.3f (overhead %.1f %%)%n",
        REQUESTS,
        SAMPLES,
        BATCH,
        MAX_NEW_TOKENS,
        rawMedian,
        samplerMedian,
        samplerMedian / rawMedian,
        100 * (1 - samplerMedian / rawMedian));
  }

  /** Generation alone: the same samples, the same seeds, batches of {@link #BATCH}. */
  private static double raw(Policy policy, List<RolloutRequest> requests) {
    List<int[]> prompts = new ArrayList<>();
    List<SamplingConfig> settings = new ArrayList<>();
    for (RolloutRequest request : requests) {
      for (int i = 0; i < request.getSamples(); i++) {
        prompts.add(policy.tokenizer().encode(request.getProblem().getPrompt()));
        settings.add(RolloutGenerator.settings(request.getSampling(), i));
      }
    }
    long tokens = 0;
    long began = System.nanoTime();
    for (int from = 0; from < prompts.size(); from += BATCH) {
      int to = Math.min(from + BATCH, prompts.size());
      for (Generation g :
          policy.generator().generateEach(prompts.subList(from, to), settings.subList(from, to))) {
        tokens += g.tokens().length;
      }
    }
    return tokens / ((System.nanoTime() - began) / 1e9);
  }

  /** Requests in, every trace read back committed: tokens over the wall time between. */
  private double throughKafka(List<RolloutRequest> requests) {
    String runId = requests.get(0).getRunId();
    long began = System.nanoTime();
    kafka.sendAll(
        Topic.ROLLOUT_REQUESTS.topicName(),
        requests.stream()
            .<Map.Entry<String, RolloutRequest>>map(
                r -> Map.entry(r.getProblem().getProblemId(), r))
            .toList());
    List<Trace> traces =
        kafka.awaitRunEvents(
            Topic.TRACES,
            Trace.class,
            runId,
            requests.size() * SAMPLES,
            Duration.ofMinutes(10),
            Duration.ZERO);
    double seconds = (System.nanoTime() - began) / 1e9;
    long tokens = traces.stream().mapToLong(t -> t.getCompletionTokenIds().size()).sum();
    return tokens / seconds;
  }

  /** Level-4 eval problems, K samples each, temperature 1. */
  private static List<RolloutRequest> requests(String tag) {
    String runId = "bench-" + tag + "-" + UUID.randomUUID();
    List<RolloutRequest> requests = new ArrayList<>();
    var examples = ArithmeticTask.examples(Split.EVAL, 4, REQUESTS, 3);
    for (int i = 0; i < examples.size(); i++) {
      var problem = examples.get(i).problem();
      requests.add(
          RolloutRequest.newBuilder(SampleEvents.rolloutRequest(runId, tag + "-" + i, SAMPLES))
              .setProblem(
                  dev.brevity.events.Problem.newBuilder()
                      .setProblemId(problem.id() + "-" + tag)
                      .setDataset(problem.dataset())
                      .setPrompt(Prompts.of(problem))
                      .setAnswer(problem.answer())
                      .setDifficulty(problem.difficulty())
                      .build())
              .setSampling(
                  SamplingParams.newBuilder()
                      .setTemperature(1.0f)
                      .setTopP(1.0f)
                      .setTopK(0)
                      .setMaxNewTokens(MAX_NEW_TOKENS)
                      .setSeed(1000L * i)
                      .build())
              .setPolicyVersion(0)
              .build());
    }
    return requests;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
