package dev.brevity.policy;

/**
 * One generated completion.
 *
 * @param tokens the generated token ids, the end-of-sequence token included when there is one
 * @param text the completion's text (without the end-of-sequence token)
 * @param logProbs log-probability of each generated token under the sampling distribution (logits
 *     divided by the temperature; raw logits when greedy), before top-k/top-p
 * @param finishReason EOS if the model ended it, LENGTH if the token limit cut it
 */
public record Generation(int[] tokens, String text, float[] logProbs, FinishReason finishReason) {

  /** Why generation stopped. */
  public enum FinishReason {
    EOS,
    LENGTH
  }
}
