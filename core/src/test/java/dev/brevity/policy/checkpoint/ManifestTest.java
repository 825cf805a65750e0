package dev.brevity.policy.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Manifest} catches missing, truncated and corrupt files, naming the file. */
class ManifestTest {

  @TempDir Path tmp;
  private Path dir;
  private Path model;

  @BeforeEach
  void writeCheckpoint() throws Exception {
    dir = tmp.resolve("ckpt");
    model = dir.resolve(CheckpointFiles.MODEL);
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeCheckpoint(dir, tmp.resolve("src"), manager);
    }
  }

  @Test
  void listsEveryFileButItselfWithSizeAndSha256() throws Exception {
    Manifest manifest = Manifest.read(dir);

    assertThat(manifest).isEqualTo(Manifest.of(dir));
    assertThat(manifest.files())
        .containsOnlyKeys(CheckpointFiles.CONFIG, CheckpointFiles.MODEL, CheckpointFiles.TOKENIZER);
    Manifest.Entry config = manifest.files().get(CheckpointFiles.CONFIG);
    assertThat(config.size()).isEqualTo(TestCheckpoints.CONFIG_JSON.length());
    assertThat(config.sha256())
        .isEqualTo(Sha256.ofBytes(TestCheckpoints.CONFIG_JSON.getBytes("UTF-8")));
    manifest.verify(dir);
  }

  @Test
  void theCheckpointIdIsTheSha256OfTheManifestBytes() throws Exception {
    assertThat(Manifest.sha256Of(dir))
        .isEqualTo(Sha256.ofBytes(Files.readAllBytes(dir.resolve(CheckpointFiles.MANIFEST))))
        .hasSize(64);
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    Files.delete(model);

    assertThatThrownBy(() -> Manifest.read(dir).verify(dir))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + dir + ": model.safetensors is missing");
  }

  @Test
  void aTruncatedFileIsNamedWithBothSizes() throws Exception {
    long size = Files.size(model);
    try (FileChannel channel = FileChannel.open(model, StandardOpenOption.WRITE)) {
      channel.truncate(size - 3);
    }

    assertThatThrownBy(() -> Manifest.read(dir).verify(dir))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint "
                + dir
                + ": model.safetensors is truncated: "
                + (size - 3)
                + " bytes, manifest says "
                + size);
  }

  @Test
  void aFlippedByteIsNamedWithBothHashes() throws Exception {
    String expected = Manifest.read(dir).files().get(CheckpointFiles.MODEL).sha256();
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(model, bytes);

    assertThatThrownBy(() -> Manifest.read(dir).verify(dir))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint "
                + dir
                + ": model.safetensors is corrupt: sha256 "
                + Sha256.ofBytes(bytes)
                + ", manifest says "
                + expected);
  }

  @Test
  void readingACheckpointVerifiesItBeforeParsing() throws Exception {
    try (FileChannel channel = FileChannel.open(model, StandardOpenOption.WRITE)) {
      channel.truncate(10);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> HfCheckpoint.read(dir, manager))
          .isInstanceOf(CheckpointException.class)
          .hasMessageStartingWith(
              "checkpoint " + dir + ": model.safetensors is truncated: 10 bytes");
    }
  }

  @Test
  void aDirectoryWithoutManifestIsIncomplete() throws Exception {
    Files.delete(dir.resolve(CheckpointFiles.MANIFEST));

    assertThatThrownBy(() -> Manifest.sha256Of(dir))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint "
                + dir
                + ": manifest.json is missing: the checkpoint was not completely written");
  }
}
