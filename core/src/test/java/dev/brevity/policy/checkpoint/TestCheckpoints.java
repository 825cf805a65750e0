package dev.brevity.policy.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny checkpoints for the tests: two hand-written weights, a config and a tokenizer file. */
final class TestCheckpoints {

  static final String CONFIG_JSON =
      "{\"model_type\":\"llama\",\"hidden_size\":2,\"vocab_size\":3,\"num_hidden_layers\":1}";

  static final String TOKENIZER_JSON = "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}";

  static {
    System.setProperty("ai.djl.offline", "true");
  }

  private TestCheckpoints() {}

  /** {@code model.embed_tokens.weight} (3, 2) and {@code model.norm.weight} (2). */
  static Map<String, NDArray> weights(NDManager manager) {
    Map<String, NDArray> weights = new LinkedHashMap<>();
    weights.put(
        "model.embed_tokens.weight",
        manager.create(new float[] {0.5f, -1.25f, 2f, 3.75f, -0.125f, 8f}, new Shape(3, 2)));
    weights.put("model.norm.weight", manager.create(new float[] {1f, 0.25f}));
    return weights;
  }

  /** Writes {@code tokenizer.json} text into {@code dir} and returns its path. */
  static Path tokenizer(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(CheckpointFiles.TOKENIZER), TOKENIZER_JSON);
  }

  /** Encodes {@code tensors} as a safetensors file with DJL directly, as any other tool would. */
  static void writeSafetensors(Path file, Map<String, NDArray> tensors) throws IOException {
    NDList list = new NDList();
    tensors.forEach(
        (name, array) -> {
          array.setName(name);
          list.add(array);
        });
    try (OutputStream out = Files.newOutputStream(file)) {
      list.encode(out, NDList.Encoding.SAFETENSORS);
    }
  }

  /**
   * Writes a one-tensor safetensors file byte by byte: the way to get BF16 data, which DJL's
   * PyTorch engine cannot create.
   */
  static void writeHalfPrecision(Path file, String name, String dtype, short... values)
      throws IOException {
    String header =
        "{\"%s\":{\"dtype\":\"%s\",\"shape\":[%d],\"data_offsets\":[0,%d]}}"
            .formatted(name, dtype, values.length, 2 * values.length);
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer bytes =
        ByteBuffer.allocate(8 + json.length + 2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(json.length).put(json);
    for (short value : values) {
      bytes.putShort(value);
    }
    Files.write(file, bytes.array());
  }

  /** A complete Brevity checkpoint (weights only) written into {@code dir}. */
  static void writeCheckpoint(Path dir, Path scratch, NDManager manager) throws IOException {
    HfCheckpoint.write(
        dir,
        new HfCheckpoint.Contents(
            CONFIG_JSON, weights(manager), tokenizer(scratch), Map.of(), null));
  }
}
