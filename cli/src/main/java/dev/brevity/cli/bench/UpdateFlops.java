package dev.brevity.cli.bench;

import dev.brevity.policy.LlamaConfig;
import java.util.List;

/**
 * Floating-point operations of the policy's passes, counted from the model's shape and the real
 * (unpadded) sequence lengths, as model-FLOPs utilisation counts them (PaLM, appendix B).
 *
 * <p>One forward pass of a sequence of L tokens:
 *
 * <pre>
 *   F(L) = 2·N·L + 4·n_layer·d_attn·L²
 * </pre>
 *
 * where N is {@link LlamaConfig#parameterCount()} (a tied embedding counted once, as the output
 * head's matmul; the lookup costs nothing), 2·N·L the weight matmuls (a multiply and an add per
 * weight per token), and 4·n_layer·d_attn·L² attention's two L×L products, QKᵀ and AV, with d_attn
 * = heads · head_dim, counted in full as they are computed. A backward pass costs twice the
 * forward, so a training pass is 3·F(L) = 6·N·L + 12·n_layer·d_attn·L². One update of PPO-clip is
 *
 * <pre>
 *   FLOPs = Σ_i [ epochs · 3·F(L_i) + passes · F(L_i) ]
 * </pre>
 *
 * over its rollouts i (L_i = prompt + completion tokens), with {@code passes} the forward passes
 * without gradients: the policy at the update's start (π_old), the reference when the KL
 * coefficient is positive, and the value head's estimates for classic PPO. Norms, softmax, RoPE,
 * the loss and AdamW are left out: they are a few percent at most.
 */
public final class UpdateFlops {

  private UpdateFlops() {}

  /** F(L): one forward pass of one sequence of {@code length} tokens. */
  public static double forward(LlamaConfig config, int length) {
    double attentionWidth = (double) config.heads() * config.headDim();
    return 2.0 * config.parameterCount() * length
        + 4.0 * config.layers() * attentionWidth * length * (double) length;
  }

  /** 3·F(L): a forward and a backward pass. */
  public static double training(LlamaConfig config, int length) {
    return 3 * forward(config, length);
  }

  /**
   * One update over sequences of {@code lengths}: {@code epochs} training passes and {@code passes}
   * gradient-free forward passes of each.
   */
  public static double update(LlamaConfig config, List<Integer> lengths, int epochs, int passes) {
    double total = 0;
    for (int length : lengths) {
      total += epochs * training(config, length) + passes * forward(config, length);
    }
    return total;
  }
}
