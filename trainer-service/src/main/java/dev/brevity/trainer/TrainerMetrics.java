package dev.brevity.trainer;

import dev.brevity.train.UpdateStats;
import io.micrometer.core.instrument.MeterRegistry;

/** The trainer's Prometheus metrics. */
final class TrainerMetrics {

  private final MeterRegistry registry;

  TrainerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void deadLetter(String topic) {
    registry.counter("brevity.dead.letters", "topic", topic).increment();
  }

  void update(String runId, UpdateStats stats) {
    registry.counter("brevity.trainer.updates", "run", runId).increment();
    registry.counter("brevity.trainer.traces", "run", runId).increment(stats.traces());
    registry.counter("brevity.trainer.tokens", "run", runId).increment(stats.tokens());
    registry.counter("brevity.trainer.busy.seconds", "run", runId).increment(stats.seconds());
  }
}
