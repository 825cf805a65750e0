package dev.brevity.policy.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileCheckpointStore}: atomic publish, immutable versions, cleanup of leftovers. */
class FileCheckpointStoreTest {

  @TempDir Path tmp;
  private Path root;
  private Path staged;
  private CheckpointStore store;

  @BeforeEach
  void stageACheckpoint() throws Exception {
    root = tmp.resolve("store");
    staged = tmp.resolve("staged");
    try (NDManager manager = NDManager.newBaseManager()) {
      TestCheckpoints.writeCheckpoint(staged, tmp.resolve("src"), manager);
    }
    store = CheckpointStore.forUri(root.toUri());
  }

  @Test
  void publishCopiesTheCheckpointUnderRunAndVersion() {
    URI uri = store.publish(staged, "run-1", 3);

    Path published = root.toAbsolutePath().resolve("run-1").resolve("v3");
    assertThat(uri.toString()).isEqualTo("file:" + published);
    assertThat(store.open(uri)).isEqualTo(published);
    assertThat(Manifest.sha256Of(published)).isEqualTo(Manifest.sha256Of(staged));
    assertThat(staged).isDirectory();
  }

  @Test
  void listGivesPublishedVersionsInAscendingOrder() {
    URI v10 = store.publish(staged, "run-1", 10);
    URI v2 = store.publish(staged, "run-1", 2);
    URI v9 = store.publish(staged, "run-1", 9);
    store.publish(staged, "run-2", 1);

    assertThat(store.list("run-1")).containsExactly(v2, v9, v10);
    assertThat(store.list("run-3")).isEmpty();
  }

  @Test
  void locateFindsAPublishedVersionAndRefusesAnyOther() {
    URI v3 = store.publish(staged, "run-1", 3);

    assertThat(store.locate("run-1", 3)).isEqualTo(v3);
    assertThatThrownBy(() -> store.locate("run-1", 4))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("version 4 of run run-1 is not published");
    assertThatThrownBy(() -> store.locate("run-2", 3)).isInstanceOf(CheckpointException.class);
  }

  @Test
  void aPublishedVersionCannotBeReplaced() {
    store.publish(staged, "run-1", 3);

    assertThatThrownBy(() -> store.publish(staged, "run-1", 3))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("run-1/v3")
        .hasMessageEndingWith(
            "version 3 of run run-1 is already published; published versions are immutable");
  }

  @Test
  void anIncompleteStagedCheckpointIsRefused() throws Exception {
    Files.delete(staged.resolve(CheckpointFiles.MANIFEST));

    assertThatThrownBy(() -> store.publish(staged, "run-1", 1))
        .isInstanceOf(CheckpointException.class)
        .hasMessage(
            "checkpoint "
                + staged
                + ": manifest.json is missing: the checkpoint was not completely written");
    assertThat(store.list("run-1")).isEmpty();
  }

  @Test
  void openVerifiesTheManifest() throws Exception {
    URI uri = store.publish(staged, "run-1", 1);
    Path published = Path.of(uri);
    Files.delete(published.resolve(CheckpointFiles.TOKENIZER));

    assertThatThrownBy(() -> store.open(uri))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + published + ": tokenizer.json is missing");
  }

  @Test
  void openRejectsUrisOutsideTheStore() {
    URI outside = staged.toUri();

    assertThatThrownBy(() -> store.open(outside))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a <runId>/v<version> directory under");
  }

  @Test
  void cleanUncommittedDeletesStagingLeftoversAndVersionsWithoutManifest() throws Exception {
    URI kept = store.publish(staged, "run-1", 1);
    Path runDir = root.resolve("run-1");
    Files.createDirectories(runDir.resolve(".staging-12345").resolve("sub"));
    Files.writeString(runDir.resolve(".staging-12345").resolve("sub").resolve("x"), "partial");
    Files.createDirectories(runDir.resolve("v2"));
    Files.writeString(runDir.resolve("v2").resolve(CheckpointFiles.CONFIG), "{}");

    assertThat(store.cleanUncommitted()).isEqualTo(2);

    assertThat(runDir.resolve(".staging-12345")).doesNotExist();
    assertThat(runDir.resolve("v2")).doesNotExist();
    assertThat(store.list("run-1")).containsExactly(kept);
    assertThat(store.cleanUncommitted()).isZero();
  }

  @Test
  void anUnknownSchemeListsTheSupportedOnes() {
    assertThatThrownBy(() -> CheckpointStore.forUri(URI.create("s3://bucket/ckpt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unsupported checkpoint store URI 's3://bucket/ckpt' (scheme s3);"
                + " supported schemes: file");
  }
}
