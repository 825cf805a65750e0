package dev.brevity.policy.checkpoint;

/**
 * File names inside a checkpoint directory. The model files follow Hugging Face {@code
 * save_pretrained}, so a Brevity checkpoint loads in {@code transformers} and a downloaded Hugging
 * Face model loads here; the optimizer, trainer state and manifest are Brevity's additions.
 */
public final class CheckpointFiles {

  /** The model's Hugging Face configuration (architecture, sizes, vocabulary size). */
  public static final String CONFIG = "config.json";

  /** The weights, float32, keyed by Hugging Face parameter name. */
  public static final String MODEL = "model.safetensors";

  /** The shard index of a large Hugging Face model: {@code weight_map} maps tensor to shard. */
  public static final String MODEL_INDEX = "model.safetensors.index.json";

  /** The Hugging Face tokenizer, copied in unchanged. */
  public static final String TOKENIZER = "tokenizer.json";

  /** The optimizer state (AdamW moments), present only when the optimizer has state. */
  public static final String OPTIMIZER = "optimizer.safetensors";

  /** The trainer's own state (step, policy version, RNG seeds), present only when given. */
  public static final String TRAINER_STATE = "trainer_state.json";

  /** SHA-256 and size of every other file; written last, so its presence marks completeness. */
  public static final String MANIFEST = "manifest.json";

  /** Optional Hugging Face generation defaults; never required, never written by Brevity. */
  public static final String GENERATION_CONFIG = "generation_config.json";

  private CheckpointFiles() {}
}
