package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LlamaModelTest {

  @Test
  void incrementalLogitsWithTheKvCacheEqualAFullForwardPass() {
    try (NDManager manager = NDManager.newBaseManager();
        LlamaModel model = TinyModels.model(TinyModels.config(), 1, manager);
        KvCache cache = new KvCache(model.config().layers(), 16, manager)) {
      long[] tokens = {3, 17, 5, 22, 9, 30, 1, 12, 7, 25};
      int n = tokens.length;
      float[] full =
          model
              .forward(
                  manager.create(tokens, new Shape(1, n)),
                  positions(manager, n),
                  AttentionMask.causal(manager, n),
                  null)
              .toFloatArray(); // (1, n, V)

      int prefix = 6;
      float[] incremental = new float[n * TinyModels.VOCAB];
      NDArray first =
          model.forward(
              manager.create(java.util.Arrays.copyOf(tokens, prefix), new Shape(1, prefix)),
              positions(manager, prefix),
              AttentionMask.causal(manager, prefix),
              cache);
      System.arraycopy(first.toFloatArray(), 0, incremental, 0, prefix * TinyModels.VOCAB);
      for (int t = prefix; t < n; t++) {
        boolean[][] valid = {new boolean[t + 1]};
        java.util.Arrays.fill(valid[0], true);
        NDArray step =
            model.forward(
                manager.create(new long[] {tokens[t]}, new Shape(1, 1)),
                manager.create(new long[] {t}, new Shape(1, 1)),
                AttentionMask.padded(manager, valid, 1),
                cache);
        System.arraycopy(
            step.toFloatArray(), 0, incremental, t * TinyModels.VOCAB, TinyModels.VOCAB);
      }

      assertThat(cache.length()).isEqualTo(n);
      for (int i = 0; i < full.length; i++) {
        assertThat(incremental[i])
            .as("logit %d", i)
            .isCloseTo(full[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }

  private static NDArray positions(NDManager manager, int n) {
    long[] positions = new long[n];
    for (int i = 0; i < n; i++) {
      positions[i] = i;
    }
    return manager.create(positions, new Shape(1, n));
  }

  @Test
  void missingOrMisshapenWeightsAreNamed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      LlamaConfig config = TinyModels.config();
      var weights = LlamaWeights.initialize(config, 1, manager);
      weights.remove("model.layers.1.mlp.up_proj.weight");
      assertThatThrownBy(() -> new LlamaModel(config, weights, manager))
          .hasMessage("weights: missing model.layers.1.mlp.up_proj.weight");
      var other = LlamaWeights.initialize(config, 1, manager);
      other.put("model.norm.weight", manager.ones(new Shape(7)));
      assertThatThrownBy(() -> new LlamaModel(config, other, manager))
          .hasMessageContaining("model.norm.weight has shape (7)");
    }
  }

  @Test
  void sameSeedSameWeights() {
    try (NDManager manager = NDManager.newBaseManager()) {
      var a = LlamaWeights.initialize(TinyModels.config(), 5, manager);
      var b = LlamaWeights.initialize(TinyModels.config(), 5, manager);
      var c = LlamaWeights.initialize(TinyModels.config(), 6, manager);
      String name = "model.layers.0.self_attn.q_proj.weight";
      assertThat(a.get(name).toFloatArray()).isEqualTo(b.get(name).toFloatArray());
      assertThat(a.get(name).toFloatArray()).isNotEqualTo(c.get(name).toFloatArray());
    }
  }
}
