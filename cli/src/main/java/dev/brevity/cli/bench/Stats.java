package dev.brevity.cli.bench;

import java.util.Arrays;

/**
 * A figure measured several times: the median of the repeats and their spread, the full range [min,
 * max]. With the few repeats a benchmark can afford (3 by default), the range is the honest spread:
 * an interquartile range of three values would be the middle value alone.
 *
 * @param median the middle repeat (the mean of the two middle ones for an even count)
 * @param min the lowest repeat
 * @param max the highest repeat
 * @param count how many repeats
 */
public record Stats(double median, double min, double max, int count) {

  public Stats {
    if (count < 1) {
      throw new IllegalArgumentException("a figure needs at least one measurement");
    }
  }

  /** The median and range of {@code values}. */
  public static Stats of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a figure needs at least one measurement");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Stats(percentile(sorted, 0.5), sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  /** One measurement, no spread. */
  public static Stats single(double value) {
    return new Stats(value, value, value, 1);
  }

  /**
   * The {@code q}-quantile (0 ≤ q ≤ 1) of ascending {@code sorted} values, interpolated linearly
   * between the two closest ranks: position q·(n − 1), as numpy's default and R's type 7.
   */
  public static double percentile(double[] sorted, double q) {
    if (sorted.length == 0 || q < 0 || q > 1) {
      throw new IllegalArgumentException("need values and 0 <= q <= 1, got q=" + q);
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }

  /** The same quantile of unsorted values. */
  public static double percentileOf(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return percentile(sorted, q);
  }

  /** The spread relative to the median, (max − min) / median: how far to trust the figure. */
  public double relativeSpread() {
    return median == 0 ? 0 : (max - min) / Math.abs(median);
  }
}
