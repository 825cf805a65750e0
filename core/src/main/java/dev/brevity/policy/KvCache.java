package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the positions already processed, per layer, so that generating one more token
 * attends to them without recomputing them. Each layer's buffer, (B, Hkv, capacity, hd), is
 * allocated once; a step writes its new positions in place and attends to a view of the filled
 * part, so a step costs the same whatever the length (no copying of the past).
 */
public final class KvCache implements AutoCloseable {

  private final NDManager manager;
  private final int capacity;
  private final NDArray[] keys;
  private final NDArray[] values;
  private long length;

  /**
   * @param capacity the most positions the cache will hold (prompt + new tokens)
   */
  public KvCache(int layers, int capacity, NDManager parent) {
    this.manager = parent.newSubManager();
    this.capacity = capacity;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Positions cached so far (S), 0 when empty. */
  public long length() {
    return length;
  }

  /**
   * Writes this step's keys and values of {@code layer} and returns all of them so far. The length
   * advances after the last layer.
   *
   * @param key (B, Hkv, T, hd)
   * @param value (B, Hkv, T, hd)
   * @return views of keys and values (B, Hkv, S + T, hd), owned by {@code key}'s manager
   */
  NDList append(int layer, NDArray key, NDArray value) {
    long time = key.getShape().get(2);
    if (length + time > capacity) {
      throw new IllegalStateException("KV cache full: " + length + " + " + time + " > " + capacity);
    }
    if (keys[layer] == null) {
      Shape shape = key.getShape();
      Shape full = new Shape(shape.get(0), shape.get(1), capacity, shape.get(3));
      keys[layer] = manager.zeros(full); // (B, Hkv, capacity, hd)
      values[layer] = manager.zeros(full); // (B, Hkv, capacity, hd)
    }
    NDIndex slot = new NDIndex(":, :, {}:{}", length, length + time);
    keys[layer].set(slot, key);
    values[layer].set(slot, value);
    NDIndex filled = new NDIndex(":, :, :{}", length + time);
    NDList all =
        new NDList(
            keys[layer].get(key.getManager(), filled), values[layer].get(key.getManager(), filled));
    if (layer == keys.length - 1) {
      length += time;
    }
    return all;
  }

  @Override
  public void close() {
    manager.close();
  }
}
