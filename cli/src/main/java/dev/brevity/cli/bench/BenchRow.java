package dev.brevity.cli.bench;

/**
 * One line of the benchmark report.
 *
 * @param section the section that measured it ({@link BenchSection#name()})
 * @param figure what was measured, short ("decode tokens/s, batch 16, KV cache")
 * @param stats its median and range over the repeats
 * @param unit the unit of {@code stats} ("tokens/s", "ms", "×", "%")
 * @param explanation one sentence a user can read without the code: what, how, and what is good
 */
public record BenchRow(
    String section, String figure, Stats stats, String unit, String explanation) {}
