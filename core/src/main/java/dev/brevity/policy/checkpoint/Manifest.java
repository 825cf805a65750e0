package dev.brevity.policy.checkpoint;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SHA-256 and size of every file in a checkpoint directory, stored as {@code manifest.json}. It
 * is written after all other files, so a directory without one was not completely written; the
 * SHA-256 of its bytes ({@link #sha256Of}) identifies the checkpoint. Files in the directory that
 * the manifest does not list are ignored by {@link #verify}.
 *
 * @param files file name (relative to the directory, {@code /}-separated) to its entry, sorted
 */
public record Manifest(SortedMap<String, Entry> files) {

  /**
   * One file of the checkpoint.
   *
   * @param sha256 SHA-256 of the file's bytes, lower-case hex
   * @param size length of the file in bytes
   */
  @JsonPropertyOrder({"sha256", "size"})
  public record Entry(String sha256, long size) {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    public Entry {
      if (sha256 == null || !HEX_64.matcher(sha256).matches()) {
        throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
      }
      if (size < 0) {
        throw new IllegalArgumentException("size must be >= 0: " + size);
      }
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public Manifest {
    if (files == null) {
      throw new IllegalArgumentException("files must not be null");
    }
    for (var file : files.entrySet()) {
      String name = file.getKey();
      if (file.getValue() == null) {
        throw new IllegalArgumentException("no sha256 and size for '" + name + "'");
      }
      if (name.isBlank() || name.startsWith("/") || name.contains("\\") || isDotSegment(name)) {
        throw new IllegalArgumentException("not a file name inside the checkpoint: '" + name + "'");
      }
    }
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * Computes the manifest of every regular file under {@code dir}, except {@code manifest.json}.
   *
   * @throws CheckpointException if {@code dir} or one of its files cannot be read
   */
  public static Manifest of(Path dir) {
    SortedMap<String, Entry> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = nameOf(dir, file);
        if (name.equals(CheckpointFiles.MANIFEST)) {
          continue;
        }
        files.put(name, new Entry(Sha256.ofFile(file), Files.size(file)));
      }
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot be read: " + e, e);
    }
    return new Manifest(files);
  }

  /**
   * Reads {@code manifest.json} from {@code dir}.
   *
   * @throws CheckpointException if it is missing (the checkpoint was not completely written) or is
   *     not a valid manifest
   */
  public static Manifest read(Path dir) {
    byte[] bytes = manifestBytes(dir);
    try {
      return JSON.readValue(bytes, Manifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckpointException(
          dir, CheckpointFiles.MANIFEST, "is not a valid manifest: " + e.getMessage(), e);
    }
  }

  /**
   * The SHA-256 of {@code dir}'s {@code manifest.json} bytes: the identity of the checkpoint.
   *
   * @throws CheckpointException if the manifest is missing
   */
  public static String sha256Of(Path dir) {
    return Sha256.ofBytes(manifestBytes(dir));
  }

  /**
   * Writes this manifest as {@code dir/manifest.json} (which must not exist yet), synced to disk.
   *
   * @return the SHA-256 of the bytes written, as {@link #sha256Of} will return it
   */
  public String write(Path dir) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(this);
      DurableFiles.write(dir.resolve(CheckpointFiles.MANIFEST), bytes);
      return Sha256.ofBytes(bytes);
    } catch (IOException e) {
      throw new CheckpointException(dir, CheckpointFiles.MANIFEST, "cannot be written: " + e, e);
    }
  }

  /**
   * Checks that every listed file exists in {@code dir} with the listed size and SHA-256.
   *
   * @throws CheckpointException naming the first file that is missing, truncated or corrupt
   */
  public void verify(Path dir) {
    files.forEach((name, expected) -> verifyFile(dir, name, expected));
  }

  private static void verifyFile(Path dir, String name, Entry expected) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(dir, name, "is missing");
    }
    try {
      long size = Files.size(file);
      if (size < expected.size()) {
        throw new CheckpointException(
            dir, name, "is truncated: " + size + " bytes, manifest says " + expected.size());
      }
      if (size > expected.size()) {
        throw new CheckpointException(
            dir, name, "is too long: " + size + " bytes, manifest says " + expected.size());
      }
      String sha256 = Sha256.ofFile(file);
      if (!sha256.equals(expected.sha256())) {
        throw new CheckpointException(
            dir, name, "is corrupt: sha256 " + sha256 + ", manifest says " + expected.sha256());
      }
    } catch (IOException e) {
      throw new CheckpointException(dir, name, "cannot be read: " + e, e);
    }
  }

  private static byte[] manifestBytes(Path dir) {
    try {
      return Files.readAllBytes(dir.resolve(CheckpointFiles.MANIFEST));
    } catch (NoSuchFileException e) {
      throw new CheckpointException(
          dir, CheckpointFiles.MANIFEST, "is missing: the checkpoint was not completely written");
    } catch (IOException e) {
      throw new CheckpointException(dir, CheckpointFiles.MANIFEST, "cannot be read: " + e, e);
    }
  }

  private static String nameOf(Path dir, Path file) {
    return dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static boolean isDotSegment(String name) {
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
