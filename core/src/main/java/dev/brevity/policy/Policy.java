package dev.brevity.policy;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.checkpoint.HfCheckpoint;
import dev.brevity.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A policy ready to use: the model, its tokenizer, and the tokens that end a completion, loaded
 * from a checkpoint directory (Brevity's, or a plain Hugging Face Llama or Qwen2 directory).
 */
public final class Policy implements AutoCloseable {

  private final LlamaModel model;
  private final TextTokenizer tokenizer;
  private final Set<Integer> eosIds;
  private final int padId;

  public Policy(LlamaModel model, TextTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
    Set<Integer> eos = new HashSet<>(model.config().eosTokenIds());
    tokenizer.tokenId(TextTokenizer.END_OF_TEXT).ifPresent(eos::add);
    if (eos.isEmpty()) {
      throw new IllegalArgumentException("the model has no end-of-sequence token (eos_token_id)");
    }
    this.eosIds = Set.copyOf(eos);
    this.padId = tokenizer.tokenId(TextTokenizer.PAD).orElse(eos.iterator().next());
  }

  /** Loads the checkpoint in {@code dir} (manifest verified when present). */
  public static Policy load(Path dir, NDManager manager) {
    HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, manager);
    LlamaConfig config = LlamaConfig.fromJson(loaded.configJson());
    LlamaModel model = new LlamaModel(config, loaded.weights(), manager);
    return new Policy(model, TextTokenizer.load(loaded.tokenizerJson()));
  }

  /** Loads only the model of the checkpoint in {@code dir} (a frozen reference, say). */
  public static LlamaModel loadModel(Path dir, NDManager manager) {
    HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, manager);
    return new LlamaModel(LlamaConfig.fromJson(loaded.configJson()), loaded.weights(), manager);
  }

  public LlamaModel model() {
    return model;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  public Set<Integer> eosIds() {
    return eosIds;
  }

  public int padId() {
    return padId;
  }

  /** A generator over this policy. */
  public Generator generator() {
    return new Generator(model, tokenizer, eosIds, padId);
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
