package dev.brevity.train.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.run.RunPlan;
import dev.brevity.train.Rollout;
import java.util.List;
import java.util.Map;

/** What an {@link Objective} trains with: the updater's models, optimizer and diagnostics. */
public interface Trainer {

  RunPlan plan();

  /** The trainable policy π_θ. */
  LlamaModel policy();

  /** The frozen reference policy π_ref, loaded when first asked for. */
  LlamaModel reference();

  /** The critic's weights (classic PPO), or null for a run without one. */
  Map<String, NDArray> valueHead();

  int padId();

  /** AdamW steps taken so far (this run's, or this stage's after a fresh optimizer). */
  long optimizerSteps();

  /** The update's running diagnostics. */
  UpdateTotals totals();

  /**
   * One optimizer step: each micro-batch's forward pass and backward pass in turn (gradients add
   * up, so micro-batches only bound memory), then gradient clipping and AdamW.
   *
   * @param micros indices into {@code rollouts}, one list per micro-batch
   * @param withHidden whether the scores carry the final hidden states (for the value head)
   * @param temperature the logits are divided by it before π_θ's log-probabilities and entropy (the
   *     sampling temperature for on-policy objectives, else 1)
   * @param loss each micro-batch's share of the step's loss
   */
  void step(
      List<Rollout> rollouts,
      List<List<Integer>> micros,
      boolean withHidden,
      double temperature,
      MicroLoss loss);

  /** The loss of one micro-batch, its share of the step's loss, with gradients. */
  @FunctionalInterface
  interface MicroLoss {

    /**
     * @param micro the micro-batch's indices into the step's rollouts
     * @param batch those rollouts
     * @param scores π_θ's scores of the batch, (B, T-1) arrays
     * @param scope the micro-batch's arrays' manager
     * @return () the loss
     */
    NDArray of(List<Integer> micro, List<Rollout> batch, TokenScores scores, NDManager scope);
  }
}
