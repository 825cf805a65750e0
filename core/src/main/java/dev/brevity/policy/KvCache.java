package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the positions already processed, per layer, so that generating one more token
 * attends to them without recomputing them. Each is (B, Hkv, S, hd).
 */
public final class KvCache implements AutoCloseable {

  private final NDArray[] keys;
  private final NDArray[] values;

  public KvCache(int layers) {
    keys = new NDArray[layers];
    values = new NDArray[layers];
  }

  /** Positions cached so far (S), 0 when empty. */
  public long length() {
    return keys[0] == null ? 0 : keys[0].getShape().get(2);
  }

  /**
   * Appends this step's keys and values of {@code layer} and returns all of them.
   *
   * @param key (B, Hkv, T, hd)
   * @param value (B, Hkv, T, hd)
   * @return keys and values (B, Hkv, S + T, hd)
   */
  NDList append(int layer, NDArray key, NDArray value) {
    NDArray allKeys = keys[layer] == null ? key : NDArrays.concat(new NDList(keys[layer], key), 2);
    NDArray allValues =
        values[layer] == null ? value : NDArrays.concat(new NDList(values[layer], value), 2);
    if (keys[layer] != null) {
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = allKeys;
    values[layer] = allValues;
    return new NDList(allKeys, allValues);
  }

  /** Moves the cached arrays to {@code manager}, so they outlive the step that made them. */
  void attach(NDManager manager) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        keys[i].attach(manager);
        values[i].attach(manager);
      }
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        keys[i].close();
        values[i].close();
        keys[i] = null;
        values[i] = null;
      }
    }
  }
}
