package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.tokenizer.BundledTokenizer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

  @TempDir Path dir;

  /** A directory as Hugging Face's save_pretrained leaves it: no manifest, untied head. */
  @Test
  void loadsAPlainHuggingFaceLlamaDirectoryAndGenerates() throws Exception {
    LlamaConfig config =
        new LlamaConfig(
            "llama",
            454,
            32,
            64,
            2,
            4,
            2,
            8,
            128,
            1e-5,
            10_000,
            false,
            false,
            false,
            -1,
            List.of(450));
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> weights = LlamaWeights.initialize(config, 3, manager);
      Files.writeString(dir.resolve("config.json"), config.toJson());
      try (OutputStream out = Files.newOutputStream(dir.resolve("model.safetensors"))) {
        new NDList(weights.values().toArray(new NDArray[0]))
            .encode(out, NDList.Encoding.SAFETENSORS);
      }
      Files.write(dir.resolve("tokenizer.json"), BundledTokenizer.committedJson());

      try (Policy policy = Policy.load(dir, manager)) {
        assertThat(policy.model().config()).isEqualTo(config);
        assertThat(policy.eosIds()).contains(450);
        Generation g =
            policy
                .generator()
                .generate(
                    List.of(policy.tokenizer().encode("Compute 1 + 2.\n")),
                    SamplingConfig.greedy(5))
                .get(0);
        assertThat(g.tokens().length).isBetween(1, 5);
        assertThat(g.finishReason()).isIn(FinishReason.EOS, FinishReason.LENGTH);
        String name = "model.layers.1.self_attn.k_proj.weight";
        assertThat(policy.model().weights().get(name).toFloatArray())
            .containsExactly(weights.get(name).toFloatArray());
      }
    }
  }
}
