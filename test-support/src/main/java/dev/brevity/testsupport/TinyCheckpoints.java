package dev.brevity.testsupport;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.LlamaConfig;
import dev.brevity.policy.LlamaWeights;
import dev.brevity.policy.checkpoint.HfCheckpoint;
import dev.brevity.tokenizer.BundledTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Policies small enough for a service test to load and sample in seconds. */
public final class TinyCheckpoints {

  private TinyCheckpoints() {}

  /** A random 1-block policy on the bundled tokenizer: fast, and its output is as good as any. */
  public static void write(Path dir, long seed) throws IOException {
    LlamaConfig config = LlamaConfig.small(454, 16, 1, 2, 2, 32, 256, 450);
    Path tokenizer = Files.createTempFile("tokenizer", ".json");
    Files.write(tokenizer, BundledTokenizer.committedJson());
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> weights = LlamaWeights.initialize(config, seed, manager);
      HfCheckpoint.write(
          dir, new HfCheckpoint.Contents(config.toJson(), weights, tokenizer, Map.of(), "{}"));
    }
  }
}
