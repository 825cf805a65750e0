package dev.brevity.data;

import java.nio.file.Path;

/** A data set line that cannot be read: names the file, the line number and what is wrong. */
public final class DatasetException extends IllegalArgumentException {

  public DatasetException(Path file, int line, String reason) {
    super(file + ":" + line + ": " + reason);
  }

  public DatasetException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
  }
}
