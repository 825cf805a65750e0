package dev.brevity.policy.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HfCheckpoint#write} then {@link HfCheckpoint#read} gives back what was written. */
class CheckpointRoundTripTest {

  @TempDir Path tmp;

  @Test
  void weightsComeBackWithTheirNamesShapesAndValues() throws Exception {
    Path dir = tmp.resolve("ckpt");
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeCheckpoint(dir, tmp.resolve("src"), manager);

      HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, manager);

      assertThat(loaded.configJson()).isEqualTo(TestCheckpoints.CONFIG_JSON);
      assertThat(loaded.weights())
          .containsOnlyKeys("model.embed_tokens.weight", "model.norm.weight");
      NDArray embed = loaded.weights().get("model.embed_tokens.weight");
      assertThat(embed.getShape()).isEqualTo(new Shape(3, 2));
      assertThat(embed.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(embed.toFloatArray()).containsExactly(0.5f, -1.25f, 2f, 3.75f, -0.125f, 8f);
      assertThat(loaded.weights().get("model.norm.weight").toFloatArray())
          .containsExactly(1f, 0.25f);
      assertThat(loaded.tokenizerJson()).isEqualTo(dir.resolve(CheckpointFiles.TOKENIZER));
      assertThat(loaded.tokenizerJson()).hasContent(TestCheckpoints.TOKENIZER_JSON);
      assertThat(loaded.optimizerState()).isEmpty();
      assertThat(loaded.trainerStateJson()).isEmpty();
    }
    assertThat(dir.resolve(CheckpointFiles.OPTIMIZER)).doesNotExist();
    assertThat(dir.resolve(CheckpointFiles.TRAINER_STATE)).doesNotExist();
    assertThat(Manifest.read(dir).files())
        .containsOnlyKeys(CheckpointFiles.CONFIG, CheckpointFiles.MODEL, CheckpointFiles.TOKENIZER);
  }

  @Test
  void optimizerStateAndTrainerStateComeBack() throws Exception {
    Path dir = tmp.resolve("ckpt");
    String trainerState = "{\"step\":7,\"policy_version\":3}";
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> optimizer =
          Map.of(
              "exp_avg.model.norm.weight", manager.create(new float[] {0.1f, -0.2f}),
              "exp_avg_sq.model.norm.weight", manager.create(new float[] {0.01f, 0.04f}),
              "step", manager.create(new long[] {7L}));
      HfCheckpoint.write(
          dir,
          new HfCheckpoint.Contents(
              TestCheckpoints.CONFIG_JSON,
              TestCheckpoints.weights(manager),
              TestCheckpoints.tokenizer(tmp.resolve("src")),
              optimizer,
              trainerState));

      HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, manager);

      assertThat(loaded.optimizerState())
          .containsOnlyKeys("exp_avg.model.norm.weight", "exp_avg_sq.model.norm.weight", "step");
      assertThat(loaded.optimizerState().get("exp_avg.model.norm.weight").toFloatArray())
          .containsExactly(0.1f, -0.2f);
      assertThat(loaded.optimizerState().get("exp_avg_sq.model.norm.weight").toFloatArray())
          .containsExactly(0.01f, 0.04f);
      assertThat(loaded.optimizerState().get("step").toLongArray()).containsExactly(7L);
      assertThat(loaded.trainerStateJson()).contains(trainerState);
    }
    assertThat(Manifest.read(dir).files())
        .containsKeys(CheckpointFiles.OPTIMIZER, CheckpointFiles.TRAINER_STATE);
  }

  @Test
  void theSameWeightsGiveTheSameManifest() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeCheckpoint(tmp.resolve("a"), tmp.resolve("src"), manager);
      TestCheckpoints.writeCheckpoint(tmp.resolve("b"), tmp.resolve("src"), manager);
    }
    assertThat(Manifest.sha256Of(tmp.resolve("a"))).isEqualTo(Manifest.sha256Of(tmp.resolve("b")));
  }

  @Test
  void writingLeavesTheCallersArrayNamesAlone() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> weights = TestCheckpoints.weights(manager);
      weights.get("model.norm.weight").setName("norm");
      HfCheckpoint.write(
          tmp.resolve("ckpt"),
          new HfCheckpoint.Contents(
              TestCheckpoints.CONFIG_JSON,
              weights,
              TestCheckpoints.tokenizer(tmp.resolve("src")),
              Map.of(),
              null));

      assertThat(weights.get("model.norm.weight").getName()).isEqualTo("norm");
    }
  }

  @Test
  void writingIntoANonEmptyDirectoryFails() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ckpt"));
    Files.writeString(dir.resolve("stale.txt"), "old");
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> TestCheckpoints.writeCheckpoint(dir, tmp.resolve("src"), manager))
          .isInstanceOf(CheckpointException.class)
          .hasMessage(
              "checkpoint " + dir + ": is not empty: a checkpoint is written into a new directory");
    }
  }

  @Test
  void bf16WeightsAreReadAsFloat32() throws Exception {
    // bfloat16 bits are the top 16 bits of the float32: 1.5, -2, 0.25, -0.0078125.
    float[] norm =
        readHalfPrecision(
            "model.norm.weight",
            "BF16",
            (short) 0x3fc0,
            (short) 0xc000,
            (short) 0x3e80,
            (short) 0xbc00);

    assertThat(norm).containsExactly(1.5f, -2f, 0.25f, -0.0078125f);
  }

  @Test
  void f16WeightsAreReadAsFloat32IncludingSubnormalsAndInfinity() throws Exception {
    // binary16: -0.5, 65504 (largest), 2^-24 (smallest subnormal), -infinity.
    float[] head =
        readHalfPrecision(
            "lm_head.weight",
            "F16",
            (short) 0xb800,
            (short) 0x7bff,
            (short) 0x0001,
            (short) 0xfc00);

    assertThat(head).containsExactly(-0.5f, 65504f, 0x1p-24f, Float.NEGATIVE_INFINITY);
  }

  /**
   * Reads a Hugging Face directory whose one tensor {@code name} holds {@code bits} as {@code
   * dtype}, asserts that it comes back as FLOAT32 under its name, and returns its values.
   */
  private float[] readHalfPrecision(String name, String dtype, short... bits) throws IOException {
    Path dir = tmp.resolve("hf");
    TestCheckpoints.tokenizer(dir);
    Files.writeString(dir.resolve(CheckpointFiles.CONFIG), TestCheckpoints.CONFIG_JSON);
    TestCheckpoints.writeHalfPrecision(dir.resolve(CheckpointFiles.MODEL), name, dtype, bits);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray tensor = HfCheckpoint.read(dir, manager).weights().get(name);

      assertThat(tensor.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(tensor.getName()).isEqualTo(name);
      return tensor.toFloatArray();
    }
  }

  @Test
  void theWeightsFileCarriesPytorchFormatMetadataLikeSavePretrained() throws Exception {
    Path dir = tmp.resolve("ckpt");
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeCheckpoint(dir, tmp.resolve("src"), manager);
    }
    byte[] bytes = Files.readAllBytes(dir.resolve(CheckpointFiles.MODEL));
    long headerLength =
        java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    String header =
        new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);

    assertThat(headerLength % 8).isZero();
    assertThat(header)
        .startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"model.embed_tokens.weight\":")
        .contains("\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]");
  }
}
