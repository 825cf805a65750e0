package dev.brevity.train.objective;

import java.util.ArrayList;
import java.util.List;

/** Index lists of an update's rollouts: minibatches, micro-batches and picks from them. */
final class Batches {

  private Batches() {}

  /** 0, 1, …, n − 1. */
  static List<Integer> indices(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** {@code parts} near-equal consecutive parts. */
  static List<List<Integer>> split(List<Integer> items, int parts) {
    List<List<Integer>> out = new ArrayList<>();
    int n = items.size();
    int count = Math.min(parts, n);
    for (int p = 0; p < count; p++) {
      out.add(new ArrayList<>(items.subList(p * n / count, (p + 1) * n / count)));
    }
    return out;
  }

  /** Consecutive chunks of {@code size} items (the last may be shorter). */
  static List<List<Integer>> chunks(List<Integer> items, int size) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      out.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return out;
  }

  /** The values at {@code indices}, in their order. */
  static <T> List<T> pick(List<T> values, List<Integer> indices) {
    return indices.stream().map(values::get).toList();
  }

  /** The values at {@code indices}, in their order. */
  static double[] pick(double[] values, List<Integer> indices) {
    return indices.stream().mapToDouble(i -> values[i]).toArray();
  }
}
