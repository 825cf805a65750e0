package dev.brevity.policy.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * File writes that reach the disk before the next step relies on them: a checkpoint's files are
 * synced before its manifest is written, and the manifest before the directory is published.
 */
public final class DurableFiles {

  /** Writes bytes to an output stream; may fail with an I/O error. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private DurableFiles() {}

  /** Creates {@code file} (it must not exist), writes it with {@code writer} and syncs it. */
  static void write(Path file, Writer writer) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(channel);
      writer.writeTo(out);
      out.flush();
      channel.force(true);
    }
  }

  /** Creates {@code file} holding {@code bytes}, synced. */
  static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /** Copies {@code file} to {@code target} (which must not exist), synced. */
  static void copy(Path file, Path target) throws IOException {
    write(target, out -> Files.copy(file, out));
  }

  /** Copies the tree under {@code source} into the existing empty directory {@code target}. */
  static void copyTree(Path source, Path target) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.sorted().toList();
    }
    for (Path path : paths) {
      Path copy = target.resolve(source.relativize(path).toString());
      if (Files.isDirectory(path)) {
        Files.createDirectories(copy);
      } else {
        copy(path, copy);
      }
    }
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        syncDirectory(target.resolve(source.relativize(path).toString()));
      }
    }
  }

  /** Syncs a directory's entries (new names, renames) to disk; a no-op where not supported. */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
      // Some platforms cannot open a directory for syncing; the rename is still atomic there.
    }
  }

  /** Deletes {@code root} and everything under it; nothing if it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
