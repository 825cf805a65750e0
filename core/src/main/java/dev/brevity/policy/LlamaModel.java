package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Collections;
import java.util.Map;

/**
 * A Llama-style decoder-only transformer (Llama 2/3, Qwen2 shapes): token embedding, then per block
 * {@code x = x + attention(rmsnorm(x))}, {@code x = x + mlp(rmsnorm(x))}, a final RMSNorm and the
 * output head. Attention uses rotary position embeddings and optional grouped-query heads; the MLP
 * is SwiGLU. Weights are plain arrays keyed by their Hugging Face names, so a checkpoint maps one
 * to one.
 *
 * <p>Shapes: B batch, T new positions, S all positions (cached + new), C hidden, H query heads, Hkv
 * key/value heads, hd head width, V vocabulary.
 */
public final class LlamaModel implements AutoCloseable {

  /** Additive mask value for positions a query may not see. */
  static final float MASKED = -1e9f;

  private final LlamaConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> weights;
  private final NDArray ropeCos; // (maxPositions, hd)
  private final NDArray ropeSin; // (maxPositions, hd)

  /**
   * A model over {@code weights}; takes ownership of them (they move to the model's manager).
   *
   * @throws IllegalArgumentException if a weight is missing or misshapen
   */
  public LlamaModel(LlamaConfig config, Map<String, NDArray> weights, NDManager parent) {
    LlamaWeights.check(config, weights);
    this.config = config;
    this.manager = parent.newSubManager();
    weights.values().forEach(w -> w.attach(manager));
    this.weights = Collections.unmodifiableMap(weights);
    NDArray[] rope = Rope.tables(config, manager);
    this.ropeCos = rope[0];
    this.ropeSin = rope[1];
  }

  public LlamaConfig config() {
    return config;
  }

  /** The weights by Hugging Face name (updated in place by training). */
  public Map<String, NDArray> weights() {
    return weights;
  }

  /** The manager owning the weights: new arrays meant to live as long as the model go here. */
  public NDManager manager() {
    return manager;
  }

  /**
   * Logits of the next token at every new position.
   *
   * @param tokens (B, T) int64 token ids
   * @param positions (B, T) int64 rotary positions of those tokens
   * @param mask (B or 1, 1, T, S) additive: 0 where a query may attend, {@link #MASKED} elsewhere
   * @param cache earlier positions' keys and values, extended by this call; null for none
   * @return logits (B, T, V)
   */
  public NDArray forward(NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    return logits(hidden(tokens, positions, mask, cache));
  }

  /**
   * The final normed hidden state at every new position: what the language-model head (and a value
   * head) reads. Arguments as {@link #forward}.
   *
   * @return hidden (B, T, C)
   */
  public NDArray hidden(NDArray tokens, NDArray positions, NDArray mask, KvCache cache) {
    NDArray x = embed(tokens, weight("model.embed_tokens.weight")); // (B, T, C)
    NDArray cos = embed(positions, ropeCos).expandDims(1); // (B, 1, T, hd)
    NDArray sin = embed(positions, ropeSin).expandDims(1); // (B, 1, T, hd)
    for (int i = 0; i < config.layers(); i++) {
      String p = "model.layers." + i + ".";
      NDArray h = rmsNorm(x, weight(p + "input_layernorm.weight"));
      x = x.add(attention(h, p + "self_attn.", i, cos, sin, mask, cache)); // (B, T, C)
      h = rmsNorm(x, weight(p + "post_attention_layernorm.weight"));
      x = x.add(mlp(h, p + "mlp.")); // (B, T, C)
    }
    return rmsNorm(x, weight("model.norm.weight")); // (B, T, C)
  }

  /** Next-token logits (B, T, V) of hidden states (B, T, C). */
  public NDArray logits(NDArray hidden) {
    String head = config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
    return Linear.linear(hidden, weight(head)).singletonOrThrow(); // (B, T, V)
  }

  private NDArray attention(
      NDArray h, String p, int layer, NDArray cos, NDArray sin, NDArray mask, KvCache cache) {
    long batch = h.getShape().get(0);
    long time = h.getShape().get(1);
    int hd = config.headDim();
    NDArray q = project(h, p + "q_proj", config.qkvBias()); // (B, T, H*hd)
    NDArray k = project(h, p + "k_proj", config.qkvBias()); // (B, T, Hkv*hd)
    NDArray v = project(h, p + "v_proj", config.qkvBias()); // (B, T, Hkv*hd)
    q = q.reshape(batch, time, config.heads(), hd).transpose(0, 2, 1, 3); // (B, H, T, hd)
    k = k.reshape(batch, time, config.kvHeads(), hd).transpose(0, 2, 1, 3); // (B, Hkv, T, hd)
    v = v.reshape(batch, time, config.kvHeads(), hd).transpose(0, 2, 1, 3); // (B, Hkv, T, hd)
    q = Rope.apply(q, cos, sin);
    k = Rope.apply(k, cos, sin);
    if (cache != null) {
      NDList all = cache.append(layer, k, v);
      k = all.get(0); // (B, Hkv, S, hd)
      v = all.get(1); // (B, Hkv, S, hd)
    }
    int groups = config.heads() / config.kvHeads();
    if (groups > 1) {
      long s = k.getShape().get(2);
      k = k.expandDims(2).repeat(2, groups).reshape(batch, config.heads(), s, hd); // (B, H, S, hd)
      v = v.expandDims(2).repeat(2, groups).reshape(batch, config.heads(), s, hd); // (B, H, S, hd)
    }
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(hd)); // (B, H, T, S)
    NDArray weights = scores.add(mask).softmax(-1); // (B, H, T, S)
    NDArray out = weights.matMul(v); // (B, H, T, hd)
    out =
        out.transpose(0, 2, 1, 3).reshape(batch, time, (long) config.heads() * hd); // (B, T, H*hd)
    return project(out, p + "o_proj", config.outputBias()); // (B, T, C)
  }

  /** SwiGLU: down(silu(gate(h)) * up(h)). */
  private NDArray mlp(NDArray h, String p) {
    NDArray gate = Linear.linear(h, weight(p + "gate_proj.weight")).singletonOrThrow(); // (B, T, I)
    NDArray up = Linear.linear(h, weight(p + "up_proj.weight")).singletonOrThrow(); // (B, T, I)
    NDArray silu = gate.mul(Activation.sigmoid(gate));
    return Linear.linear(silu.mul(up), weight(p + "down_proj.weight"))
        .singletonOrThrow(); // (B, T, C)
  }

  private NDArray project(NDArray x, String name, boolean bias) {
    NDArray w = weight(name + ".weight");
    return (bias ? Linear.linear(x, w, weight(name + ".bias")) : Linear.linear(x, w))
        .singletonOrThrow();
  }

  /** RMSNorm: x / sqrt(mean(x²) + eps) * w, over the last axis. */
  private NDArray rmsNorm(NDArray x, NDArray w) {
    NDArray rms =
        x.square().mean(new int[] {-1}, true).add(config.rmsNormEps()).sqrt(); // (B, T, 1)
    return x.div(rms).mul(w);
  }

  /** Rows of {@code table} for each id: (B, T) ids → (B, T, width). */
  private static NDArray embed(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray weight(String name) {
    NDArray w = weights.get(name);
    if (w == null) {
      throw new IllegalStateException("no weight " + name);
    }
    return w;
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Concatenates along the last axis (a helper for rotary embeddings). */
  static NDArray concatLast(NDArray a, NDArray b) {
    return NDArrays.concat(new NDList(a, b), -1);
  }
}
