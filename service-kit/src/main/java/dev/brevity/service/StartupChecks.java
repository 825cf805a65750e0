package dev.brevity.service;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of a service's configuration at startup: a bad value fails naming its key. */
public final class StartupChecks {

  private StartupChecks() {}

  /**
   * The directory configured as {@code key}.
   *
   * @throws IllegalArgumentException naming {@code key} when {@code value} is not a directory
   */
  public static Path checkpointDirectory(String key, String value) {
    Path directory = Path.of(value);
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          key + ": " + directory.toAbsolutePath() + " is not a checkpoint directory");
    }
    return directory;
  }
}
