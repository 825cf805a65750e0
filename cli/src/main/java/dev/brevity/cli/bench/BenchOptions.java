package dev.brevity.cli.bench;

import java.nio.file.Path;

/**
 * What every benchmark section may use; each section reads what it needs.
 *
 * @param repeats how many times each figure is measured (after a warm-up); rows report the median
 *     and range
 * @param checkpoint the policy to measure (the reference model by default)
 * @param runConfig the run configuration whose method and objective the training section times
 */
public record BenchOptions(int repeats, Path checkpoint, Path runConfig) {

  public BenchOptions {
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
    }
  }
}
