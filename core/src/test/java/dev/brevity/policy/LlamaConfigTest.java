package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaConfigTest {

  @Test
  void roundTripsThroughConfigJson() {
    LlamaConfig config = LlamaConfig.small(454, 128, 4, 4, 2, 352, 1024, 450);

    LlamaConfig read = LlamaConfig.fromJson(config.toJson());

    assertThat(read).isEqualTo(config);
    assertThat(config.toJson()).contains("\"architectures\" : [ \"LlamaForCausalLM\" ]");
  }

  @Test
  void readsAQwen2Config() {
    String json =
        "{\"architectures\": [\"Qwen2ForCausalLM\"], \"model_type\": \"qwen2\", \"vocab_size\": 151936,"
            + " \"hidden_size\": 896, \"intermediate_size\": 4864, \"num_hidden_layers\": 24,"
            + " \"num_attention_heads\": 14, \"num_key_value_heads\": 2, \"max_position_embeddings\": 32768,"
            + " \"rms_norm_eps\": 1e-06, \"rope_theta\": 1000000.0, \"tie_word_embeddings\": true,"
            + " \"hidden_act\": \"silu\", \"bos_token_id\": 151643, \"eos_token_id\": 151645,"
            + " \"rope_scaling\": null, \"use_sliding_window\": false}";

    LlamaConfig config = LlamaConfig.fromJson(json);

    assertThat(config.qkvBias()).isTrue();
    assertThat(config.outputBias()).isFalse();
    assertThat(config.kvHeads()).isEqualTo(2);
    assertThat(config.headDim()).isEqualTo(64);
    assertThat(config.eosTokenIds()).isEqualTo(List.of(151645));
    assertThat(config.parameterCount()).isBetween(490_000_000L, 500_000_000L); // Qwen2-0.5B: 494 M
  }

  @Test
  void unsupportedKeysAreNamed() {
    assertThatThrownBy(() -> LlamaConfig.fromJson("{\"model_type\": \"gpt2\"}"))
        .hasMessage("config.json: model_type 'gpt2' is not supported; supported: llama, qwen2");
    assertThatThrownBy(
            () -> LlamaConfig.fromJson("{\"model_type\": \"llama\", \"hidden_size\": 8}"))
        .hasMessage("config.json: missing integer 'num_attention_heads'");
  }
}
