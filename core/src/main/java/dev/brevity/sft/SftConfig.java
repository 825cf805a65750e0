package dev.brevity.sft;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brevity.task.Traces.Framing;
import java.io.IOException;

/**
 * Supervised fine-tuning of the bundled policy on the teacher traces: model shape, data and
 * optimisation. Defaults make the shipped reference model.
 *
 * @param hidden model width C
 * @param layers decoder blocks
 * @param heads attention heads
 * @param intermediate SwiGLU width
 * @param maxPositions longest sequence (prompt + completion)
 * @param perLevel training examples per difficulty level (level 1, with fewer problems, repeats
 *     them)
 * @param steps optimiser steps
 * @param batchSize sequences per step
 * @param learningRate peak learning rate
 * @param minLearningRate learning rate at the end of the cosine decay
 * @param warmupSteps linear warm-up steps
 * @param gradClip clip the global gradient norm to this
 * @param seed seed of weights, data and order
 * @param checkpointEvery save a resumable checkpoint every this many steps
 * @param framing how often the teacher traces keep their framing parts ({@code
 *     Traces.withFraming}); absent in configurations saved before it existed, which read as {@link
 *     Framing#ALWAYS}
 * @param batchesByLength whether a batch holds sequences of similar length (faster: less padding)
 *     or a random mix (every batch spans the levels); absent in older configurations, which read as
 *     true
 */
public record SftConfig(
    int hidden,
    int layers,
    int heads,
    int intermediate,
    int maxPositions,
    int perLevel,
    int steps,
    int batchSize,
    double learningRate,
    double minLearningRate,
    int warmupSteps,
    double gradClip,
    long seed,
    int checkpointEvery,
    Framing framing,
    Boolean batchesByLength) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SftConfig {
    framing = framing == null ? Framing.ALWAYS : framing;
    batchesByLength = batchesByLength == null || batchesByLength;
  }

  /** The first stage of the reference model: from random weights, the teacher as it writes. */
  public static SftConfig reference() {
    return new SftConfig(
        128, 4, 4, 352, 1024, 5000, 4000, 16, 2e-3, 2e-4, 100, 1.0, 1, 250, Framing.ALWAYS, true);
  }

  /**
   * The second stage of the reference model: from the first stage's weights, 400 steps on freshly
   * drawn teacher traces whose restatement, plan and closing confirmation are each usually there
   * ({@link Framing#USUALLY}). The policy keeps writing them when greedy, as the first stage does,
   * but now samples thinking without them too.
   */
  public static SftConfig framingStage() {
    return new SftConfig(
        128, 4, 4, 352, 1024, 5000, 400, 16, 3e-4, 3e-5, 20, 1.0, 2, 100, Framing.USUALLY, false);
  }

  /**
   * The third stage of the reference model: from the second stage's weights, 800 steps on freshly
   * drawn teacher traces framed as in the second stage, of which those without an opening (neither
   * restatement nor plan) go straight through the chain, without re-checks ({@link
   * Framing#DIRECT_WITHOUT_OPENING}). The second stage's policy reads its next step off its last
   * re-check and loses its place without them; this one has followed chains without them, so
   * pruning can remove them. Greedy, it still restates, plans and re-checks.
   */
  public static SftConfig directStage() {
    return new SftConfig(
        128,
        4,
        4,
        352,
        1024,
        5000,
        800,
        16,
        3e-4,
        3e-5,
        20,
        1.0,
        3,
        100,
        Framing.DIRECT_WITHOUT_OPENING,
        false);
  }

  /** Learning rate at {@code step} (0-based): linear warm-up, then cosine decay to the minimum. */
  public double learningRateAt(int step) {
    if (step < warmupSteps) {
      return learningRate * (step + 1) / warmupSteps;
    }
    double progress = (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    return minLearningRate + (learningRate - minLearningRate) * cosine;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SftConfig fromJson(String json) {
    try {
      return JSON.readValue(json, SftConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("bad SFT config: " + e.getMessage(), e);
    }
  }
}
