package dev.brevity.train;

import dev.brevity.ppo.Advantages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The training rows offline methods build from the reference policy's K samples of every problem.
 * Problems come in pool order and each problem's samples in sample order, so a rebuilt data set is
 * the same data set.
 *
 * @param rows the rows; for DPO consecutive (chosen, rejected) pairs
 * @param advantages one per row for O1-Pruner, else empty
 * @param unused the samples no row uses (their fate: FILTERED)
 * @param unit rows per training unit: 2 for DPO pairs, 1 otherwise
 */
public record OfflineDataset(
    List<Rollout> rows, double[] advantages, List<Rollout> unused, int unit) {

  /** O1-Pruner's {@code random.shuffle} seed. */
  static final long O1_SHUFFLE_SEED = 42;

  /**
   * O1-Pruner ({@code construct_dataset.py}): {@code rowsPerProblem} of each problem's samples,
   * taken after a seeded shuffle, with advantages = rewards z-scored over the whole data set.
   */
  public static OfflineDataset o1Pruner(List<List<Rollout>> byProblem, int rowsPerProblem) {
    Random random = new Random(O1_SHUFFLE_SEED);
    List<Rollout> rows = new ArrayList<>();
    for (List<Rollout> samples : byProblem) {
      List<Rollout> shuffled = new ArrayList<>(samples);
      Collections.shuffle(shuffled, random);
      rows.addAll(shuffled.subList(0, Math.min(rowsPerProblem, shuffled.size())));
    }
    double[] rewards = rows.stream().mapToDouble(Rollout::reward).toArray();
    return new OfflineDataset(rows, Advantages.zScore(rewards), unusedOf(byProblem, rows), 1);
  }

  /**
   * O1-Pruner's SFT baseline: the {@code rowsPerProblem} shortest correct samples of each problem
   * (problems with none contribute none).
   */
  public static OfflineDataset sftShortest(List<List<Rollout>> byProblem, int rowsPerProblem) {
    List<Rollout> rows = new ArrayList<>();
    for (List<Rollout> samples : byProblem) {
      samples.stream()
          .filter(Rollout::correct)
          .sorted(Comparator.comparingInt(Rollout::length))
          .limit(rowsPerProblem)
          .forEach(rows::add);
    }
    return new OfflineDataset(rows, new double[0], unusedOf(byProblem, rows), 1);
  }

  /**
   * O1-Pruner's DPO baseline: per problem the shortest correct sample (chosen) against the longest
   * correct one (rejected); problems with fewer than two correct samples of different lengths give
   * no pair.
   */
  public static OfflineDataset dpo(List<List<Rollout>> byProblem) {
    List<Rollout> rows = new ArrayList<>();
    for (List<Rollout> samples : byProblem) {
      List<Rollout> correct =
          samples.stream()
              .filter(Rollout::correct)
              .sorted(Comparator.comparingInt(Rollout::length))
              .toList();
      if (correct.size() >= 2
          && correct.get(0).length() < correct.get(correct.size() - 1).length()) {
        rows.add(correct.get(0));
        rows.add(correct.get(correct.size() - 1));
      }
    }
    return new OfflineDataset(rows, new double[0], unusedOf(byProblem, rows), 2);
  }

  /** Training units (rows, or pairs for DPO). */
  public int units() {
    return rows.size() / unit;
  }

  /** The units of epoch {@code epoch} in training order: a seeded shuffle per epoch. */
  public List<Integer> epochOrder(int epoch, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < units(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
  }

  private static List<Rollout> unusedOf(List<List<Rollout>> byProblem, List<Rollout> rows) {
    Set<String> used = new HashSet<>();
    rows.forEach(r -> used.add(r.traceId()));
    List<Rollout> unused = new ArrayList<>();
    byProblem.forEach(
        samples -> samples.stream().filter(r -> !used.contains(r.traceId())).forEach(unused::add));
    return unused;
  }
}
