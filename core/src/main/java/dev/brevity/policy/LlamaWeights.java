package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The parameters of a {@link LlamaConfig} model by their Hugging Face names ({@code
 * model.embed_tokens.weight}, {@code model.layers.N.self_attn.q_proj.weight}, …, {@code
 * lm_head.weight}) and shapes. Linear weights are (out, in), as in PyTorch.
 */
public final class LlamaWeights {

  /** Standard deviation of the initial normal weights (GPT-2, nanoGPT, Llama). */
  static final double INIT_STD = 0.02;

  private LlamaWeights() {}

  /** Every parameter's name and shape, in a stable order. */
  public static Map<String, Shape> shapes(LlamaConfig c) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    int q = c.heads() * c.headDim();
    int kv = c.kvHeads() * c.headDim();
    shapes.put("model.embed_tokens.weight", new Shape(c.vocabSize(), c.hiddenSize()));
    for (int i = 0; i < c.layers(); i++) {
      String p = "model.layers." + i + ".";
      shapes.put(p + "input_layernorm.weight", new Shape(c.hiddenSize()));
      shapes.put(p + "self_attn.q_proj.weight", new Shape(q, c.hiddenSize()));
      shapes.put(p + "self_attn.k_proj.weight", new Shape(kv, c.hiddenSize()));
      shapes.put(p + "self_attn.v_proj.weight", new Shape(kv, c.hiddenSize()));
      if (c.qkvBias()) {
        shapes.put(p + "self_attn.q_proj.bias", new Shape(q));
        shapes.put(p + "self_attn.k_proj.bias", new Shape(kv));
        shapes.put(p + "self_attn.v_proj.bias", new Shape(kv));
      }
      shapes.put(p + "self_attn.o_proj.weight", new Shape(c.hiddenSize(), q));
      if (c.outputBias()) {
        shapes.put(p + "self_attn.o_proj.bias", new Shape(c.hiddenSize()));
      }
      shapes.put(p + "post_attention_layernorm.weight", new Shape(c.hiddenSize()));
      shapes.put(p + "mlp.gate_proj.weight", new Shape(c.intermediateSize(), c.hiddenSize()));
      shapes.put(p + "mlp.up_proj.weight", new Shape(c.intermediateSize(), c.hiddenSize()));
      shapes.put(p + "mlp.down_proj.weight", new Shape(c.hiddenSize(), c.intermediateSize()));
    }
    shapes.put("model.norm.weight", new Shape(c.hiddenSize()));
    if (!c.tieWordEmbeddings()) {
      shapes.put("lm_head.weight", new Shape(c.vocabSize(), c.hiddenSize()));
    }
    return shapes;
  }

  /**
   * Fresh weights, the same for the same seed on every machine: norms 1, biases 0, everything else
   * normal(0, 0.02).
   */
  public static Map<String, NDArray> initialize(LlamaConfig c, long seed, NDManager manager) {
    Random random = new Random(seed);
    Map<String, NDArray> weights = new LinkedHashMap<>();
    shapes(c)
        .forEach(
            (name, shape) -> {
              float[] values = new float[Math.toIntExact(shape.size())];
              if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(values, 1f);
              } else if (!name.endsWith(".bias")) {
                for (int i = 0; i < values.length; i++) {
                  values[i] = (float) (random.nextGaussian() * INIT_STD);
                }
              }
              NDArray array = manager.create(values, shape);
              array.setName(name);
              weights.put(name, array);
            });
    return weights;
  }

  /**
   * Checks that {@code weights} has every parameter of {@code c} with the right shape.
   *
   * @throws IllegalArgumentException naming the missing or misshapen parameter
   */
  public static void check(LlamaConfig c, Map<String, NDArray> weights) {
    shapes(c)
        .forEach(
            (name, shape) -> {
              NDArray array = weights.get(name);
              if (array == null) {
                throw new IllegalArgumentException("weights: missing " + name);
              }
              if (!array.getShape().equals(shape)) {
                throw new IllegalArgumentException(
                    "weights: "
                        + name
                        + " has shape "
                        + array.getShape()
                        + ", config says "
                        + shape);
              }
            });
  }
}
