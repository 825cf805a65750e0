package dev.brevity.cli.bench;

import java.util.List;

/**
 * One section of {@code brevity bench}: measures its figures {@link BenchOptions#repeats()} times
 * and returns one row per figure, in the order they should print. A section starts and stops
 * whatever it needs (models, a broker) within {@link #run}, and reports progress on standard error
 * only: standard output belongs to the report.
 *
 * <p>To add a section, implement this and add an instance to {@code BenchCommand.SECTIONS}.
 */
public interface BenchSection {

  /** The name {@code --sections} selects it by, lower case ("generation"). */
  String name();

  /** Measures the section's figures. */
  List<BenchRow> run(BenchOptions options) throws Exception;

  /** A row of this section: {@code figure}'s median and range over its repeats' {@code values}. */
  default BenchRow row(String figure, double[] values, String unit, String explanation) {
    return new BenchRow(name(), figure, Stats.of(values), unit, explanation);
  }
}
