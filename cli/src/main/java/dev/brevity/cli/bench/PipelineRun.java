package dev.brevity.cli.bench;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one benchmark run of the pipeline measured, and the publish pause computed from its events.
 *
 * @param wallSeconds from the trainer accepting the run to its end
 * @param trainerBusySeconds the trainer's update time for the run (its busy-seconds counter)
 * @param samplerBusySeconds generation time summed over the sampler processes
 * @param samplers sampler processes
 * @param tokens tokens the samplers generated
 * @param publishPause per published version: start of the first generation with it minus its
 *     checkpoint, over the time since the previous checkpoint
 */
record PipelineRun(
    double wallSeconds,
    double trainerBusySeconds,
    double samplerBusySeconds,
    int samplers,
    double tokens,
    List<Double> publishPause) {

  /** Fraction of the wall time the trainer was not updating. */
  double trainerIdle() {
    return 1 - trainerBusySeconds / wallSeconds;
  }

  /** Fraction of the wall time the samplers (on average) were not generating. */
  double samplerIdle() {
    return 1 - samplerBusySeconds / (wallSeconds * samplers);
  }

  double tokensPerSecond() {
    return tokens / wallSeconds;
  }

  /**
   * For each version v ≥ 1 that traces were generated with: (first generation start with v − v's
   * checkpoint time) / (v's checkpoint time − v−1's, where v−1 = 0 is the run's start).
   *
   * @param started when the trainer accepted the run
   */
  static List<Double> publishPauses(
      Instant started, Collection<CheckpointPublished> checkpoints, Collection<Trace> traces) {
    Map<Long, Instant> published = new TreeMap<>();
    published.put(0L, started);
    checkpoints.forEach(c -> published.put(c.getPolicyVersion(), c.getOccurredAt()));
    Map<Long, Instant> firstGeneration = new TreeMap<>();
    for (Trace trace : traces) {
      Instant start = trace.getOccurredAt().minusMillis(trace.getGenerationMillis());
      firstGeneration.merge(trace.getPolicyVersion(), start, (a, b) -> a.isBefore(b) ? a : b);
    }
    List<Double> pauses = new ArrayList<>();
    for (Map.Entry<Long, Instant> entry : firstGeneration.entrySet()) {
      long version = entry.getKey();
      Instant checkpoint = published.get(version);
      Instant previous = published.get(version - 1);
      if (version < 1 || checkpoint == null || previous == null) {
        continue;
      }
      double interval = seconds(previous, checkpoint);
      if (interval > 0) {
        pauses.add(seconds(checkpoint, entry.getValue()) / interval);
      }
    }
    return pauses;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
