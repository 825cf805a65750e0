package dev.brevity.policy.checkpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link CheckpointStore} in a local (or mounted) directory, laid out as {@code
 * <root>/<runId>/v<version>/}. Publishing copies the staged checkpoint to {@code
 * <root>/<runId>/.staging-<random>/} and renames it to {@code v<version>} in one atomic move, so a
 * {@code v*} directory is always complete. URIs look like {@code file:/abs/root/run-1/v3}.
 */
public final class FileCheckpointStore implements CheckpointStore {

  private static final String STAGING_PREFIX = ".staging-";
  private static final Pattern VERSION_DIR = Pattern.compile("v(0|[1-9][0-9]*)");
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path root;

  /** The store rooted at {@code root}, created if absent. */
  public FileCheckpointStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new CheckpointException(this.root, "cannot be created as a store root: " + e, e);
    }
  }

  /** The directory this store lives in. */
  public Path root() {
    return root;
  }

  @Override
  public URI publish(Path stagedDir, String runId, long policyVersion) {
    Path runDir = runDir(runId);
    if (policyVersion < 0) {
      throw new IllegalArgumentException("policyVersion must be >= 0: " + policyVersion);
    }
    Manifest manifest = Manifest.read(stagedDir);
    manifest.verify(stagedDir);
    Path target = runDir.resolve("v" + policyVersion);
    if (Files.exists(target.resolve(CheckpointFiles.MANIFEST))) {
      throw alreadyPublished(target, runId, policyVersion, null);
    }
    if (Files.exists(target)) {
      throw new CheckpointException(
          target, "exists but was never published (no manifest); run cleanUncommitted()");
    }
    Path staging = null;
    try {
      Files.createDirectories(runDir);
      staging = Files.createTempDirectory(runDir, STAGING_PREFIX);
      DurableFiles.copyTree(stagedDir, staging);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      DurableFiles.syncDirectory(runDir);
    } catch (FileSystemException e) {
      if (Files.exists(target.resolve(CheckpointFiles.MANIFEST))) {
        throw alreadyPublished(target, runId, policyVersion, e);
      }
      throw new CheckpointException(target, "cannot be published from " + stagedDir + ": " + e, e);
    } catch (IOException e) {
      throw new CheckpointException(target, "cannot be published from " + stagedDir + ": " + e, e);
    } finally {
      deleteQuietly(staging);
    }
    return uriOf(target);
  }

  @Override
  public Path open(URI uri) {
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(
          "checkpoint URI '" + uri + "' is not a file: URI of the store at " + root);
    }
    Path dir = Path.of(uri).toAbsolutePath().normalize();
    if (!dir.startsWith(root) || root.relativize(dir).getNameCount() != 2) {
      throw new IllegalArgumentException(
          "checkpoint URI '" + uri + "' is not a <runId>/v<version> directory under " + root);
    }
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException(dir, "does not exist");
    }
    Manifest.read(dir).verify(dir);
    return dir;
  }

  @Override
  public URI locate(String runId, long policyVersion) {
    Path dir = runDir(runId).resolve("v" + policyVersion);
    if (!Files.exists(dir.resolve(CheckpointFiles.MANIFEST))) {
      throw new CheckpointException(
          dir, "version " + policyVersion + " of run " + runId + " is not published");
    }
    return uriOf(dir);
  }

  @Override
  public List<URI> list(String runId) {
    Path runDir = runDir(runId);
    if (!Files.isDirectory(runDir)) {
      return List.of();
    }
    List<Path> published = new ArrayList<>();
    for (Path dir : children(runDir)) {
      if (version(dir).isPresent() && Files.exists(dir.resolve(CheckpointFiles.MANIFEST))) {
        published.add(dir);
      }
    }
    published.sort(Comparator.comparingLong(dir -> version(dir).getAsLong()));
    return published.stream().map(FileCheckpointStore::uriOf).toList();
  }

  @Override
  public int cleanUncommitted() {
    int deleted = 0;
    for (Path runDir : children(root)) {
      if (!Files.isDirectory(runDir)) {
        continue;
      }
      deleted += deleteWhere(runDir, FileCheckpointStore::isUncommitted);
    }
    return deleted;
  }

  @Override
  public int discardNewerThan(String runId, long lastCommitted) {
    Path runDir = runDir(runId);
    if (!Files.isDirectory(runDir)) {
      return 0;
    }
    return deleteWhere(
        runDir,
        dir -> {
          OptionalLong version = version(dir);
          return version.isPresent() && version.getAsLong() > lastCommitted;
        });
  }

  /** Deletes every entry of {@code runDir} that {@code doomed} accepts; returns how many. */
  private static int deleteWhere(Path runDir, Predicate<Path> doomed) {
    int deleted = 0;
    for (Path dir : children(runDir)) {
      if (doomed.test(dir)) {
        try {
          DurableFiles.deleteTree(dir);
        } catch (IOException e) {
          throw new CheckpointException(dir, "cannot be deleted: " + e, e);
        }
        deleted++;
      }
    }
    return deleted;
  }

  private static boolean isUncommitted(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    String name = dir.getFileName().toString();
    return name.startsWith(STAGING_PREFIX)
        || (version(dir).isPresent() && !Files.exists(dir.resolve(CheckpointFiles.MANIFEST)));
  }

  private Path runDir(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException(
          "runId must be letters, digits, '.', '_' or '-', not starting with a symbol: " + runId);
    }
    return root.resolve(runId);
  }

  private static OptionalLong version(Path dir) {
    Matcher matcher = VERSION_DIR.matcher(dir.getFileName().toString());
    if (!matcher.matches() || !Files.isDirectory(dir)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(matcher.group(1)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static List<Path> children(Path dir) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(children::add);
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot be listed: " + e, e);
    }
    children.sort(Comparator.naturalOrder());
    return children;
  }

  private static URI uriOf(Path dir) {
    try {
      return new URI("file", null, dir.toString(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("an absolute path always makes a file URI: " + dir, e);
    }
  }

  private static CheckpointException alreadyPublished(
      Path target, String runId, long policyVersion, Throwable cause) {
    return new CheckpointException(
        target,
        "version "
            + policyVersion
            + " of run "
            + runId
            + " is already published; published versions are immutable",
        cause);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      DurableFiles.deleteTree(dir);
    } catch (IOException e) {
      // Left for cleanUncommitted(); the publish error already explains what went wrong.
    }
  }
}
