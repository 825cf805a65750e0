package dev.brevity.policy.checkpoint;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A checkpoint that cannot be written, read, verified or published. The message always starts with
 * the checkpoint directory and, when one file is at fault, names that file: {@code checkpoint
 * /runs/r1/v3: model.safetensors is missing}.
 */
public final class CheckpointException extends RuntimeException {

  private final transient Path directory;
  private final String file;

  /** A problem with one file of the checkpoint in {@code directory}. */
  public CheckpointException(Path directory, String file, String problem) {
    this(directory, file, problem, null);
  }

  /** A problem with one file of the checkpoint in {@code directory}, caused by {@code cause}. */
  public CheckpointException(Path directory, String file, String problem, Throwable cause) {
    super("checkpoint " + directory + ": " + file + " " + problem, cause);
    this.directory = directory;
    this.file = file;
  }

  /** A problem with the checkpoint directory as a whole (it exists already, it is not a dir). */
  public CheckpointException(Path directory, String problem) {
    this(directory, problem, (Throwable) null);
  }

  /** A problem with the checkpoint directory as a whole, caused by {@code cause}. */
  public CheckpointException(Path directory, String problem, Throwable cause) {
    super("checkpoint " + directory + ": " + problem, cause);
    this.directory = directory;
    this.file = null;
  }

  /** The checkpoint directory at fault. */
  public Path directory() {
    return directory;
  }

  /** The file at fault, relative to {@link #directory()}, if one file is. */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }
}
