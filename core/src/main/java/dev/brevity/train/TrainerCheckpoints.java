package dev.brevity.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.AdamW;
import dev.brevity.policy.GradMode;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.checkpoint.HfCheckpoint;
import java.nio.file.Path;
import java.util.Map;

/** Writes a trainer's policy and optimizer as a checkpoint, and loads them back. */
public final class TrainerCheckpoints {

  private TrainerCheckpoints() {}

  /**
   * Writes the policy's weights, the optimizer state and the run state into {@code dir} (created
   * empty), in Hugging Face layout with a manifest.
   *
   * @param tokenizerJson the base model's {@code tokenizer.json}
   */
  public static void write(
      Path dir,
      LlamaModel policy,
      Map<String, NDArray> weights,
      AdamW optimizer,
      Path tokenizerJson,
      String stateJson) {
    HfCheckpoint.write(
        dir,
        new HfCheckpoint.Contents(
            policy.config().toJson(), weights, tokenizerJson, optimizer.state(), stateJson));
  }

  /**
   * Copies the weights of the checkpoint in {@code dir} into {@code targets} in place (every
   * checkpoint weight must have a target), and returns an optimizer restored from it (fresh when
   * {@code freshOptimizer} or the checkpoint has none).
   */
  public static AdamW load(
      Path dir,
      Map<String, NDArray> targets,
      NDManager manager,
      AdamW.Hyper hyper,
      long optimizerSteps,
      boolean freshOptimizer) {
    AdamW optimizer = new AdamW(hyper, manager);
    try (NDManager scope = manager.newSubManager();
        GradMode off = GradMode.disabled()) {
      HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, scope);
      for (Map.Entry<String, NDArray> entry : loaded.weights().entrySet()) {
        NDArray target = targets.get(entry.getKey());
        if (target == null) {
          throw new IllegalArgumentException(dir + ": unexpected weight " + entry.getKey());
        }
        target.set(entry.getValue().toFloatArray());
      }
      if (!freshOptimizer && !loaded.optimizerState().isEmpty()) {
        Map<String, NDArray> state = new java.util.LinkedHashMap<>();
        loaded.optimizerState().forEach((name, array) -> state.put(name, array.duplicate()));
        optimizer.restore(state, optimizerSteps);
      }
    }
    return optimizer;
  }
}
