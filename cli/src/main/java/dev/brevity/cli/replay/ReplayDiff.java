package dev.brevity.cli.replay;

import dev.brevity.cli.replay.Replay.ReplayedTrace;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How a replay's scores differ from the originals: means, rank agreement, how many changed, and the
 * traces that changed most.
 *
 * @param compared traces compared
 * @param meanBefore mean original reward (NaN when none)
 * @param meanAfter mean new reward (NaN when none)
 * @param spearman Spearman's rank correlation of before and after, ties given their average rank;
 *     NaN when fewer than two traces or either side is constant (no ranking to compare)
 * @param changed traces whose reward is not exactly the same double
 * @param top the changed traces with the largest |after − before|, largest first (ties by trace id)
 */
public record ReplayDiff(
    int compared,
    double meanBefore,
    double meanAfter,
    double spearman,
    int changed,
    List<ReplayedTrace> top) {

  public static ReplayDiff of(List<ReplayedTrace> traces, int top) {
    double[] before = traces.stream().mapToDouble(ReplayedTrace::before).toArray();
    double[] after = traces.stream().mapToDouble(ReplayedTrace::after).toArray();
    int changed = (int) traces.stream().filter(t -> t.after() != t.before()).count();
    List<ReplayedTrace> largest =
        traces.stream()
            .filter(t -> t.after() != t.before())
            .sorted(
                Comparator.comparingDouble((ReplayedTrace t) -> -Math.abs(t.after() - t.before()))
                    .thenComparing(ReplayedTrace::traceId))
            .limit(Math.max(0, top))
            .toList();
    return new ReplayDiff(
        traces.size(), mean(before), mean(after), spearman(before, after), changed, largest);
  }

  static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
  }

  /**
   * Spearman's ρ: Pearson's correlation of the ranks, tied values sharing their average rank.
   *
   * <pre>
   *   ρ = Σ (rx_i − r̄x)(ry_i − r̄y) / sqrt( Σ (rx_i − r̄x)² · Σ (ry_i − r̄y)² )
   * </pre>
   */
  static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length");
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    double[] rx = averageRanks(x);
    double[] ry = averageRanks(y);
    double meanX = mean(rx);
    double meanY = mean(ry);
    double covariance = 0;
    double varianceX = 0;
    double varianceY = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = rx[i] - meanX;
      double dy = ry[i] - meanY;
      covariance += dx * dy;
      varianceX += dx * dx;
      varianceY += dy * dy;
    }
    if (varianceX == 0 || varianceY == 0) {
      return Double.NaN; // a constant side has no ranking
    }
    return covariance / Math.sqrt(varianceX * varianceY);
  }

  /** 1-based ranks in ascending order; a run of equal values shares the mean of its ranks. */
  static double[] averageRanks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start; // [start, end] hold equal values
      while (end + 1 < order.length
          && Double.compare(values[order[end + 1]], values[order[start]]) == 0) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1; // mean of ranks start+1 .. end+1
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = rank;
      }
      start = end + 1;
    }
    return ranks;
  }
}
