package dev.brevity.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face {@code tokenizer.json}, run by the Hugging Face tokenizers library through DJL:
 * the bundled tokenizer and a real model's go through the same code. Encoding adds no special
 * tokens, never truncates and never pads; decoding reproduces the text exactly.
 */
public final class TextTokenizer implements AutoCloseable {

  /** The end-of-sequence token of the bundled tokenizer. */
  public static final String END_OF_TEXT = "<|endoftext|>";

  /** The padding token of the bundled tokenizer. */
  public static final String PAD = "<|pad|>";

  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  static {
    // Nothing downloads at run time: DJL stays offline and sends no telemetry.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    if (System.getProperty("OPT_OUT_TRACKING") == null) {
      System.setProperty("OPT_OUT_TRACKING", "true");
    }
  }

  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> idOfToken;
  private final int vocabSize;

  private TextTokenizer(byte[] json, String origin) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      this.idOfToken = new HashMap<>();
      Iterator<Map.Entry<String, JsonNode>> vocab = root.path("model").path("vocab").fields();
      vocab.forEachRemaining(entry -> idOfToken.put(entry.getKey(), entry.getValue().asInt()));
      root.path("added_tokens")
          .forEach(t -> idOfToken.put(t.get("content").asText(), t.get("id").asInt()));
      this.vocabSize = idOfToken.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
      this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load tokenizer " + origin + ": " + e.getMessage(), e);
    }
  }

  /** The tokenizer in a {@code tokenizer.json} file (a model directory's, for example). */
  public static TextTokenizer load(Path tokenizerJson) {
    try {
      return new TextTokenizer(Files.readAllBytes(tokenizerJson), tokenizerJson.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson, e);
    }
  }

  /** The bundled task's tokenizer. */
  public static TextTokenizer bundled() {
    return new TextTokenizer(BundledTokenizer.committedJson(), BundledTokenizer.RESOURCE);
  }

  /** Token ids of {@code text}, no special tokens added. */
  public int[] encode(String text) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /** The text of {@code ids}, special tokens included: {@code decode(encode(t))} is {@code t}. */
  public String decode(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, false);
  }

  /** Number of token ids (largest id + 1), the embedding rows a model needs. */
  public int vocabSize() {
    return vocabSize;
  }

  /** The id of a token (e.g. {@link #END_OF_TEXT}), if the vocabulary has it. */
  public Optional<Integer> tokenId(String token) {
    return Optional.ofNullable(idOfToken.get(token));
  }

  /** Number of tokens of {@code text}: the length L(y) rewards use. */
  public int count(String text) {
    return encode(text).length;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
