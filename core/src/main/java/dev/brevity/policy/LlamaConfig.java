package dev.brevity.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The shape of a Llama-style decoder, read from and written as a Hugging Face {@code config.json}
 * ({@code LlamaForCausalLM} or {@code Qwen2ForCausalLM} keys).
 *
 * @param modelType {@code llama} or {@code qwen2}
 * @param vocabSize rows of the embedding and of the output head
 * @param hiddenSize model width C
 * @param intermediateSize SwiGLU hidden width
 * @param layers decoder blocks
 * @param heads query heads H
 * @param kvHeads key/value heads (fewer than {@code heads}: grouped-query attention)
 * @param headDim width of one head (hiddenSize / heads unless given)
 * @param maxPositions longest sequence the rotary table covers
 * @param rmsNormEps epsilon of RMSNorm
 * @param ropeTheta base of the rotary frequencies
 * @param tieWordEmbeddings whether the output head is the embedding matrix
 * @param qkvBias whether q, k and v projections have a bias (Qwen2; Llama's attention_bias)
 * @param outputBias whether the attention output projection has a bias (Llama's attention_bias)
 * @param bosTokenId beginning-of-sequence token, -1 if none
 * @param eosTokenIds end-of-sequence tokens
 */
public record LlamaConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int layers,
    int heads,
    int kvHeads,
    int headDim,
    int maxPositions,
    double rmsNormEps,
    double ropeTheta,
    boolean tieWordEmbeddings,
    boolean qkvBias,
    boolean outputBias,
    int bosTokenId,
    List<Integer> eosTokenIds) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public LlamaConfig {
    eosTokenIds = List.copyOf(eosTokenIds);
    require(heads % kvHeads == 0, "num_attention_heads must be a multiple of num_key_value_heads");
    require(headDim % 2 == 0, "head_dim must be even (rotary embeddings rotate pairs)");
  }

  /** A small Llama for the bundled task, tied embeddings, no biases. */
  public static LlamaConfig small(
      int vocabSize,
      int hiddenSize,
      int layers,
      int heads,
      int kvHeads,
      int intermediateSize,
      int maxPositions,
      int eosTokenId) {
    return new LlamaConfig(
        "llama",
        vocabSize,
        hiddenSize,
        intermediateSize,
        layers,
        heads,
        kvHeads,
        hiddenSize / heads,
        maxPositions,
        1e-5,
        10_000,
        true,
        false,
        false,
        -1,
        List.of(eosTokenId));
  }

  /**
   * Reads a Hugging Face config.json.
   *
   * @throws IllegalArgumentException naming the unsupported or missing key
   */
  public static LlamaConfig fromJson(String json) {
    JsonNode c;
    try {
      c = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("config.json is not valid JSON: " + e.getMessage(), e);
    }
    String type = c.path("model_type").asText("llama");
    if (!type.equals("llama") && !type.equals("qwen2")) {
      throw new IllegalArgumentException(
          "config.json: model_type '" + type + "' is not supported; supported: llama, qwen2");
    }
    if (!c.path("rope_scaling").isMissingNode() && !c.path("rope_scaling").isNull()) {
      throw new IllegalArgumentException("config.json: rope_scaling is not supported");
    }
    if (!c.path("hidden_act").asText("silu").equals("silu")) {
      throw new IllegalArgumentException("config.json: hidden_act must be silu");
    }
    int hidden = required(c, "hidden_size");
    int heads = required(c, "num_attention_heads");
    boolean attentionBias = c.path("attention_bias").asBoolean(false);
    JsonNode eos = c.path("eos_token_id");
    List<Integer> eosIds =
        eos.isArray() ? toInts(eos) : eos.isInt() ? List.of(eos.asInt()) : List.of();
    return new LlamaConfig(
        type,
        required(c, "vocab_size"),
        hidden,
        required(c, "intermediate_size"),
        required(c, "num_hidden_layers"),
        heads,
        c.path("num_key_value_heads").asInt(heads),
        c.path("head_dim").asInt(hidden / heads),
        c.path("max_position_embeddings").asInt(2048),
        c.path("rms_norm_eps").asDouble(1e-6),
        c.path("rope_theta").asDouble(10_000),
        c.path("tie_word_embeddings").asBoolean(false),
        type.equals("qwen2") || attentionBias,
        type.equals("llama") && attentionBias,
        c.path("bos_token_id").asInt(-1),
        eosIds);
  }

  /** The config.json of this model, readable by Hugging Face transformers. */
  public String toJson() {
    ObjectNode c = JSON.createObjectNode();
    c.putArray("architectures")
        .add(modelType.equals("qwen2") ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
    c.put("model_type", modelType);
    c.put("vocab_size", vocabSize);
    c.put("hidden_size", hiddenSize);
    c.put("intermediate_size", intermediateSize);
    c.put("num_hidden_layers", layers);
    c.put("num_attention_heads", heads);
    c.put("num_key_value_heads", kvHeads);
    c.put("head_dim", headDim);
    c.put("max_position_embeddings", maxPositions);
    c.put("rms_norm_eps", rmsNormEps);
    c.put("rope_theta", ropeTheta);
    c.put("tie_word_embeddings", tieWordEmbeddings);
    c.put("hidden_act", "silu");
    if (modelType.equals("llama")) {
      c.put("attention_bias", qkvBias);
      c.put("mlp_bias", false);
    }
    if (bosTokenId >= 0) {
      c.put("bos_token_id", bosTokenId);
    }
    if (eosTokenIds.size() == 1) {
      c.put("eos_token_id", eosTokenIds.get(0));
    } else {
      eosTokenIds.forEach(c.putArray("eos_token_id")::add);
    }
    c.put("torch_dtype", "float32");
    try {
      return JSON.writeValueAsString(c) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parameters in the model (weights and biases). */
  public long parameterCount() {
    long attention =
        (long) hiddenSize * heads * headDim * 2
            + (long) hiddenSize * kvHeads * headDim * 2
            + (qkvBias ? (long) (heads + 2 * kvHeads) * headDim : 0)
            + (outputBias ? hiddenSize : 0);
    long mlp = 3L * hiddenSize * intermediateSize;
    long block = attention + mlp + 2L * hiddenSize;
    long embeddings = (long) vocabSize * hiddenSize * (tieWordEmbeddings ? 1 : 2);
    return embeddings + layers * block + hiddenSize;
  }

  private static int required(JsonNode c, String key) {
    JsonNode value = c.get(key);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException("config.json: missing integer '" + key + "'");
    }
    return value.asInt();
  }

  private static List<Integer> toInts(JsonNode array) {
    java.util.ArrayList<Integer> ints = new java.util.ArrayList<>();
    array.forEach(n -> ints.add(n.asInt()));
    return ints;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("config: " + message);
    }
  }
}
