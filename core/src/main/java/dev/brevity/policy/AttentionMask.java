package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Additive attention masks: 0 where a query may attend a key, {@link LlamaModel#MASKED} elsewhere.
 */
final class AttentionMask {

  private AttentionMask() {}

  /** Causal (1, 1, T, T): query i sees keys 0..i. Right padding needs nothing more. */
  static NDArray causal(NDManager manager, int time) {
    float[] mask = new float[time * time];
    for (int i = 0; i < time; i++) {
      Arrays.fill(mask, i * time + i + 1, (i + 1) * time, LlamaModel.MASKED);
    }
    return manager.create(mask, new Shape(1, 1, time, time));
  }

  /**
   * For left-padded batches with a cache: (B, 1, T, S), the T queries being the last T of the S
   * positions; query i sees key j if j is a real token and j ≤ S - T + i.
   *
   * @param valid (B, S): whether each position holds a real token
   */
  static NDArray padded(NDManager manager, boolean[][] valid, int queries) {
    int batch = valid.length;
    int keys = valid[0].length;
    float[] mask = new float[batch * queries * keys];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < queries; i++) {
        int limit = keys - queries + i;
        int row = (b * queries + i) * keys;
        for (int j = 0; j < keys; j++) {
          mask[row + j] = valid[b][j] && j <= limit ? 0f : LlamaModel.MASKED;
        }
      }
    }
    return manager.create(mask, new Shape(batch, 1, queries, keys));
  }
}
