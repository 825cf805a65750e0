package dev.brevity.policy.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HfCheckpoint#read} of a plain Hugging Face model directory: no manifest. */
class CheckpointHfDirectoryTest {

  @TempDir Path dir;

  @BeforeEach
  void configAndTokenizer() throws Exception {
    Files.writeString(dir.resolve(CheckpointFiles.CONFIG), TestCheckpoints.CONFIG_JSON);
    TestCheckpoints.tokenizer(dir);
  }

  @Test
  void aSingleFileModelLoads() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeSafetensors(
          dir.resolve(CheckpointFiles.MODEL), TestCheckpoints.weights(manager));

      HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, manager);

      assertThat(loaded.configJson()).isEqualTo(TestCheckpoints.CONFIG_JSON);
      assertThat(loaded.weights())
          .containsOnlyKeys("model.embed_tokens.weight", "model.norm.weight");
      assertThat(loaded.weights().get("model.norm.weight").toFloatArray())
          .containsExactly(1f, 0.25f);
      assertThat(loaded.optimizerState()).isEmpty();
      assertThat(loaded.trainerStateJson()).isEmpty();
    }
  }

  @Test
  void aShardedModelLoadsEveryShard() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      var weights = TestCheckpoints.weights(manager);
      TestCheckpoints.writeSafetensors(
          dir.resolve("model-00001-of-00002.safetensors"),
          Map.of("model.embed_tokens.weight", weights.get("model.embed_tokens.weight")));
      TestCheckpoints.writeSafetensors(
          dir.resolve("model-00002-of-00002.safetensors"),
          Map.of("model.norm.weight", weights.get("model.norm.weight")));
      Files.writeString(
          dir.resolve(CheckpointFiles.MODEL_INDEX),
          """
          {"metadata": {"total_size": 32},
           "weight_map": {
             "model.embed_tokens.weight": "model-00001-of-00002.safetensors",
             "model.norm.weight": "model-00002-of-00002.safetensors"}}
          """);

      HfCheckpoint.Loaded loaded = HfCheckpoint.read(dir, manager);

      assertThat(loaded.weights())
          .containsOnlyKeys("model.embed_tokens.weight", "model.norm.weight");
      assertThat(loaded.weights().get("model.embed_tokens.weight").toFloatArray())
          .containsExactly(0.5f, -1.25f, 2f, 3.75f, -0.125f, 8f);
      assertThat(loaded.weights().get("model.norm.weight").toFloatArray())
          .containsExactly(1f, 0.25f);
    }
  }

  @Test
  void aShardWithoutTheTensorTheIndexPlacesThereFails() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeSafetensors(
          dir.resolve("model-00001-of-00001.safetensors"), TestCheckpoints.weights(manager));
      Files.writeString(
          dir.resolve(CheckpointFiles.MODEL_INDEX),
          """
          {"weight_map": {"lm_head.weight": "model-00001-of-00001.safetensors"}}
          """);

      assertReadFails(
          "model-00001-of-00001.safetensors does not hold tensor lm_head.weight,"
              + " which model.safetensors.index.json places there");
    }
  }

  @Test
  void aMissingConfigIsNamed() throws Exception {
    Files.delete(dir.resolve(CheckpointFiles.CONFIG));
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeSafetensors(
          dir.resolve(CheckpointFiles.MODEL), TestCheckpoints.weights(manager));

      assertThat(assertReadFails("config.json is missing").file()).contains("config.json");
    }
  }

  @Test
  void missingWeightsAreNamed() {
    assertReadFails(
        "model.safetensors is missing (and there is no"
            + " model.safetensors.index.json of shards)");
  }

  @Test
  void anUndecodableSafetensorsFileIsNamedWithWhatIsWrong() throws Exception {
    Files.write(dir.resolve(CheckpointFiles.MODEL), new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{'});
    assertReadFails(
        "model.safetensors cannot be decoded as safetensors:"
            + " header length 8 does not fit the file");
  }

  @Test
  void aTensorCutShortIsNamed() throws Exception {
    TestCheckpoints.writeHalfPrecision(
        dir.resolve(CheckpointFiles.MODEL), "model.norm.weight", "BF16", (short) 1, (short) 2);
    byte[] bytes = Files.readAllBytes(dir.resolve(CheckpointFiles.MODEL));
    Files.write(
        dir.resolve(CheckpointFiles.MODEL), java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertReadFails(
        "model.safetensors cannot be decoded as safetensors:"
            + " tensor model.norm.weight data [0, 4) is outside the file");
  }

  /**
   * Asserts that reading {@link #dir} fails with a {@link CheckpointException} whose message is
   * {@code "checkpoint <dir>: " + detail}; returns it.
   */
  private CheckpointException assertReadFails(String detail) {
    try (NDManager manager = NDManager.newBaseManager()) {
      CheckpointException e =
          catchThrowableOfType(CheckpointException.class, () -> HfCheckpoint.read(dir, manager));
      assertThat(e).hasMessage("checkpoint " + dir + ": " + detail);
      return e;
    }
  }
}
