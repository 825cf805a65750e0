package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-token log-probabilities and entropies of given completions after given prompts, in one
 * forward pass over the right-padded batch: what PPO needs for ratios, KL and the entropy bonus.
 * Under an open gradient collector the results carry gradients; {@link #scoreWithoutGradients}
 * returns plain numbers.
 */
public final class SequenceScorer {

  private SequenceScorer() {}

  /**
   * Scores of a batch, aligned with the input shifted by one: column t scores token t+1.
   *
   * @param logProbs (B, T-1) log π(token_{t+1} | tokens_0..t)
   * @param entropy (B, T-1) entropy of the next-token distribution at t
   * @param completionMask (B, T-1) 1 where token_{t+1} belongs to the completion, else 0
   * @param hidden (B, T-1, C) the final hidden state at t (what a value head reads), or null
   */
  public record TokenScores(
      NDArray logProbs, NDArray entropy, NDArray completionMask, NDArray hidden) {}

  /** Plain numbers for one sequence: one entry per completion token. */
  public record CompletionScores(float[] logProbs, float[] entropy) {}

  /**
   * @param padId token used for padding (masked out)
   * @param manager owner of the results and intermediates
   */
  public static TokenScores score(
      LlamaModel model,
      List<int[]> prompts,
      List<int[]> completions,
      int padId,
      NDManager manager) {
    return score(model, prompts, completions, padId, manager, false, 1.0);
  }

  /**
   * As {@link #score(LlamaModel, List, List, int, NDManager)}, with the hidden states if asked, of
   * the policy sampled at {@code temperature}: the logits are divided by it before the softmax, as
   * the sampler does, so log-probabilities and entropies are those of the distribution the tokens
   * were drawn from.
   *
   * @param withHidden whether to return the final hidden states (what a value head reads)
   * @param temperature T &gt; 0 (1: the model's own distribution)
   */
  public static TokenScores score(
      LlamaModel model,
      List<int[]> prompts,
      List<int[]> completions,
      int padId,
      NDManager manager,
      boolean withHidden,
      double temperature) {
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    int batch = prompts.size();
    int time = 0;
    for (int b = 0; b < batch; b++) {
      time = Math.max(time, prompts.get(b).length + completions.get(b).length);
    }
    long[] tokens = new long[batch * time];
    long[] positions = new long[batch * time];
    float[] mask = new float[batch * (time - 1)];
    for (int b = 0; b < batch; b++) {
      int[] prompt = prompts.get(b);
      int[] completion = completions.get(b);
      for (int t = 0; t < time; t++) {
        int index = b * time + t;
        positions[index] = t;
        tokens[index] =
            t < prompt.length
                ? prompt[t]
                : t < prompt.length + completion.length ? completion[t - prompt.length] : padId;
      }
      for (int t = prompt.length; t < prompt.length + completion.length; t++) {
        mask[b * (time - 1) + t - 1] = 1f;
      }
    }
    NDArray input = manager.create(tokens, new Shape(batch, time));
    NDArray pos = manager.create(positions, new Shape(batch, time));
    NDArray hidden =
        model.hidden(input, pos, AttentionMask.causal(manager, time), null); // (B, T, C)
    NDArray logits = model.logits(hidden); // (B, T, V)
    if (temperature != 1.0) {
      logits = logits.div((float) temperature); // the sampled distribution: softmax(z / T)
    }
    NDArray logp = logits.get(":, :-1, :").logSoftmax(-1); // (B, T-1, V)
    NDArray targets = input.get(":, 1:").expandDims(-1); // (B, T-1, 1)
    NDArray tokenLogp = logp.gather(targets, -1).squeeze(-1); // (B, T-1)
    NDArray entropy = logp.exp().mul(logp).sum(new int[] {-1}).neg(); // (B, T-1)
    return new TokenScores(
        tokenLogp,
        entropy,
        manager.create(mask, new Shape(batch, time - 1)),
        withHidden ? hidden.get(":, :-1, :") : null);
  }

  /** Scores of each completion's tokens, as numbers, with gradients off. */
  public static List<CompletionScores> scoreWithoutGradients(
      LlamaModel model, List<int[]> prompts, List<int[]> completions, int padId) {
    return scoreWithoutGradients(model, prompts, completions, padId, 1.0);
  }

  /** As {@link #scoreWithoutGradients(LlamaModel, List, List, int)}, at {@code temperature}. */
  public static List<CompletionScores> scoreWithoutGradients(
      LlamaModel model,
      List<int[]> prompts,
      List<int[]> completions,
      int padId,
      double temperature) {
    try (GradMode off = GradMode.disabled();
        NDManager manager = model.manager().newSubManager()) {
      TokenScores scores = score(model, prompts, completions, padId, manager, false, temperature);
      long width = scores.logProbs().getShape().get(1);
      float[] logp = scores.logProbs().toFloatArray();
      float[] entropy = scores.entropy().toFloatArray();
      List<CompletionScores> out = new ArrayList<>();
      for (int b = 0; b < prompts.size(); b++) {
        int start = prompts.get(b).length - 1;
        int n = completions.get(b).length;
        float[] lp = new float[n];
        float[] h = new float[n];
        for (int i = 0; i < n; i++) {
          lp[i] = logp[(int) (b * width) + start + i];
          h[i] = entropy[(int) (b * width) + start + i];
        }
        out.add(new CompletionScores(lp, h));
      }
      return out;
    }
  }
}
