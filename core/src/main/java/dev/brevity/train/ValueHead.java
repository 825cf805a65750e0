package dev.brevity.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The critic of classic PPO: a linear value head on the policy's final hidden state (shared trunk,
 * as TRL's value-head models), V(s_t) = h_t · w + b. Its weights are saved next to the policy's in
 * {@code model.safetensors} as {@code value_head.weight} and {@code value_head.bias}; Hugging Face
 * loaders of the causal LM ignore them.
 */
public final class ValueHead {

  public static final String WEIGHT = "value_head.weight";
  public static final String BIAS = "value_head.bias";

  private ValueHead() {}

  /** A zero-initialised head (V ≡ 0 at the start) for hidden size {@code hidden}. */
  public static Map<String, NDArray> initialize(int hidden, NDManager manager) {
    Map<String, NDArray> weights = new LinkedHashMap<>();
    NDArray w = manager.zeros(new Shape(hidden));
    w.setName(WEIGHT);
    NDArray b = manager.zeros(new Shape(1));
    b.setName(BIAS);
    weights.put(WEIGHT, w);
    weights.put(BIAS, b);
    return weights;
  }

  /**
   * @param hidden (B, T, C) hidden states
   * @return values (B, T)
   */
  public static NDArray values(Map<String, NDArray> head, NDArray hidden) {
    return hidden.matMul(head.get(WEIGHT)).add(head.get(BIAS)); // (B, T)
  }
}
