package dev.brevity.cli.bench;

import ai.djl.ndarray.NDManager;
import dev.brevity.broker.EmbeddedKafkaBroker;
import dev.brevity.broker.TopicCreator;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.policy.Generation;
import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.policy.checkpoint.DurableFiles;
import dev.brevity.schemas.Topic;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Prompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Section 3, transport: how long one event takes through Kafka, produce to consume, against how
 * long one trace takes to generate.
 *
 * <p>A real broker runs in this process on a temporary directory, with the Brevity topics. Each
 * repeat first generates a batch of {@link #BATCH} traces of {@link #TRACE_TOKENS} tokens at
 * temperature 1 with the KV cache (end-of-text ignored, so every trace has that length): the
 * batch's wall time is each trace's generation time, since every trace of a batch arrives when the
 * batch ends. Those traces then travel one at a time ({@link KafkaHop}), {@link #HOPS} as {@link
 * Trace} on brevity.traces and {@link #HOPS} as {@link ScoredTrace} on brevity.scored-traces; p50
 * and p99 of each are also given as a fraction of the same repeat's generation time. The goal is
 * under 1 %.
 */
public final class TransportBench implements BenchSection {

  /** Traces generated together: the sampler's default batch. */
  static final int BATCH = 32;

  /** Completion tokens per trace. */
  static final int TRACE_TOKENS = 300;

  /** Timed hops per event type per repeat. */
  static final int HOPS = 200;

  /** Untimed hops per event type before the first repeat (connections, metadata, JIT). */
  static final int WARM_UP_HOPS = 20;

  @Override
  public String name() {
    return "transport";
  }

  @Override
  public List<BenchRow> run(BenchOptions options) throws Exception {
    int repeats = options.repeats();
    double[] generation = new double[repeats];
    double[][] traceHops = new double[repeats][];
    double[][] scoredHops = new double[repeats][];
    int traceBytes;
    int scoredBytes;
    Path dir = Files.createTempDirectory("brevity-bench-broker");
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(options.checkpoint(), manager)) {
      System.err.println("bench transport: starting a broker in " + dir);
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
        try (Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
          TopicCreator.createMissing(admin, (short) 1);
        }
        Generator generator = DecodeRuns.runToLimit(policy);
        List<ArithmeticTask.Example> examples =
            ArithmeticTask.examples(Split.EVAL, DecodeRuns.PROMPT_LEVEL, BATCH, 1);
        List<String> texts = examples.stream().map(e -> Prompts.of(e.problem())).toList();
        List<int[]> prompts = texts.stream().map(t -> policy.tokenizer().encode(t)).toList();
        generator.generate(prompts, SamplingConfig.greedy(8)); // warm-up
        try (KafkaHop traceHop = new KafkaHop(broker.bootstrapServers(), Topic.TRACES.topicName());
            KafkaHop scoredHop =
                new KafkaHop(broker.bootstrapServers(), Topic.SCORED_TRACES.topicName())) {
          List<Trace> traces = null;
          for (int r = 0; r < repeats; r++) {
            System.err.printf("bench transport: repeat %d/%d%n", r + 1, repeats);
            SamplingConfig sampling = new SamplingConfig(1.0f, 1.0f, 0, TRACE_TOKENS, 1000L * r);
            List<Generation> generations = new ArrayList<>();
            generation[r] =
                DecodeRuns.seconds(() -> generations.addAll(generator.generate(prompts, sampling)));
            traces = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
              traces.add(
                  TraceEvents.trace(
                      "bench-" + r + "-" + i + "/0",
                      examples.get(i).problem(),
                      texts.get(i),
                      prompts.get(i),
                      generations.get(i),
                      sampling,
                      generation[r]));
            }
            if (r == 0) {
              hops(traceHop, scoredHop, traces, WARM_UP_HOPS, new double[2][WARM_UP_HOPS]);
            }
            double[][] times = new double[2][HOPS];
            hops(traceHop, scoredHop, traces, HOPS, times);
            traceHops[r] = times[0];
            scoredHops[r] = times[1];
          }
          traceBytes = traceHop.size(traces.get(0));
          scoredBytes = scoredHop.size(TraceEvents.scored(traces.get(0), 0.5, true));
        }
      }
    } finally {
      DurableFiles.deleteTree(dir);
    }
    return rows(generation, traceHops, scoredHops, traceBytes, scoredBytes);
  }

  /** {@code count} hops of each event type, alternating, times in ms into {@code times[0|1]}. */
  private static void hops(
      KafkaHop traceHop, KafkaHop scoredHop, List<Trace> traces, int count, double[][] times) {
    for (int i = 0; i < count; i++) {
      Trace trace = traces.get(i % traces.size());
      String key = trace.getProblem().getProblemId();
      times[0][i] = traceHop.millis(key, trace);
      times[1][i] = scoredHop.millis(key, TraceEvents.scored(trace, 0.5, true));
    }
  }

  private List<BenchRow> rows(
      double[] generation,
      double[][] traceHops,
      double[][] scoredHops,
      int traceBytes,
      int scoredBytes) {
    List<BenchRow> rows = new ArrayList<>();
    rows.add(
        row(
            "trace generation time",
            generation,
            "s",
            String.format(
                Locale.ROOT,
                "Wall time of a batch of %d traces × %d tokens at temperature 1 with the KV cache:"
                    + " the time to generate each of them.",
                BATCH,
                TRACE_TOKENS)));
    addHop(rows, "Trace", traceBytes, traceHops, generation);
    addHop(rows, "ScoredTrace", scoredBytes, scoredHops, generation);
    return rows;
  }

  private void addHop(
      List<BenchRow> rows, String event, int bytes, double[][] hops, double[] generation) {
    for (double q : new double[] {0.50, 0.99}) {
      String p = "p" + Math.round(q * 100);
      double[] millis = new double[hops.length];
      double[] fraction = new double[hops.length];
      for (int r = 0; r < hops.length; r++) {
        millis[r] = Stats.percentileOf(hops[r], q);
        fraction[r] = 100 * millis[r] / 1000 / generation[r];
      }
      rows.add(
          row(
              event + " hop " + p,
              millis,
              "ms",
              String.format(
                  Locale.ROOT,
                  "%s of %d %s events (%,d bytes) sent one per transaction and read back"
                      + " read_committed, encoding to decoding.",
                  p,
                  HOPS,
                  event,
                  bytes)));
      rows.add(
          row(
              event + " hop " + p + " / generation",
              fraction,
              "%",
              "The " + p + " hop over the same repeat's trace generation time (goal: under 1 %)."));
    }
  }
}
