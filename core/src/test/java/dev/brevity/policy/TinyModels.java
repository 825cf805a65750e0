package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/** Tiny models for tests: random weights, spread out so that greedy choices are clear. */
final class TinyModels {

  static final int VOCAB = 40;
  static final int EOS = 39;

  private TinyModels() {}

  /** Grouped-query attention (4 query heads, 2 key/value heads) and Qwen2-style q/k/v biases. */
  static LlamaConfig config() {
    return new LlamaConfig(
        "qwen2", VOCAB, 32, 48, 2, 4, 2, 8, 64, 1e-6, 10_000, false, true, false, -1, List.of(EOS));
  }

  static LlamaModel model(LlamaConfig config, long seed, NDManager manager) {
    Map<String, NDArray> weights = LlamaWeights.initialize(config, seed, manager);
    weights.forEach(
        (name, w) -> {
          if (!name.endsWith("norm.weight")) {
            w.muli(10); // std 0.2: clear argmax margins
          }
          if (name.endsWith(".bias")) {
            w.addi(manager.randomNormal(w.getShape()).mul(0.1));
          }
        });
    return new LlamaModel(config, weights, manager);
  }
}
