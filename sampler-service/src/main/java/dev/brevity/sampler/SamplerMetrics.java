package dev.brevity.sampler;

import dev.brevity.events.Trace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Prometheus metrics of a sampler: generated tokens (their rate is tokens/s), traces per policy
 * version, dead letters by source topic, batch fill (sequences generated together over the batch
 * size), and busy and idle time (idle fraction = idle / (idle + busy)).
 */
final class SamplerMetrics {

  private final MeterRegistry registry;
  private final Counter tokens;
  private final Counter idleSeconds;
  private final Counter busySeconds;
  private final DistributionSummary batchFill;
  private final Timer batches;

  SamplerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.tokens = registry.counter("brevity.sampler.tokens");
    this.idleSeconds = registry.counter("brevity.sampler.idle.seconds");
    this.busySeconds = registry.counter("brevity.sampler.busy.seconds");
    this.batchFill = DistributionSummary.builder("brevity.sampler.batch.fill").register(registry);
    this.batches = registry.timer("brevity.sampler.batches");
    registry.gauge(
        "brevity.sampler.idle.fraction",
        this,
        m -> {
          double idle = m.idleSeconds.count();
          double total = idle + m.busySeconds.count();
          return total == 0 ? 1.0 : idle / total;
        });
  }

  /** A record of {@code topic} sent to brevity.dead-letters. */
  void deadLetter(String topic) {
    registry.counter("brevity.dead.letters", "topic", topic).increment();
  }

  void idle(Duration waited) {
    idleSeconds.increment(waited.toNanos() / 1e9);
  }

  void batch(RolloutGenerator.Result result, int batchSize, Duration took) {
    tokens.increment(result.tokens());
    busySeconds.increment(took.toNanos() / 1e9);
    batches.record(took);
    batchFill.record(Math.min(1.0, (double) result.traces().size() / batchSize));
    for (Trace trace : result.traces()) {
      registry
          .counter(
              "brevity.sampler.traces",
              "run",
              trace.getRunId(),
              "version",
              Long.toString(trace.getPolicyVersion()))
          .increment();
    }
  }
}
