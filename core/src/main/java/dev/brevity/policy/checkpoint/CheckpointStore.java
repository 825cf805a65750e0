package dev.brevity.policy.checkpoint;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where published checkpoints live, addressed by URI: the trainer publishes each policy version
 * once, samplers and evaluators open it by the URI carried in {@code CheckpointPublished}. A
 * published checkpoint is immutable and appears whole or not at all.
 */
public interface CheckpointStore {

  /** The URI schemes {@link #forUri} understands. */
  List<String> SUPPORTED_SCHEMES = List.of("file");

  /**
   * Publishes the completely written checkpoint in {@code stagedDir} (left in place) as version
   * {@code policyVersion} of run {@code runId}, atomically: readers see all of it or nothing.
   *
   * @return the URI that {@link #open} accepts
   * @throws CheckpointException if {@code stagedDir} has no manifest or fails verification, or the
   *     version is already published
   */
  URI publish(Path stagedDir, String runId, long policyVersion);

  /**
   * A local directory holding the checkpoint at {@code uri}, its manifest verified.
   *
   * @throws CheckpointException if the URI is not in this store, or the checkpoint is missing,
   *     incomplete or damaged
   */
  Path open(URI uri);

  /**
   * The URI of version {@code policyVersion} of run {@code runId}, as {@link #publish} returned it.
   *
   * @throws CheckpointException if that version is not published
   */
  URI locate(String runId, long policyVersion);

  /** The published checkpoints of {@code runId}, by policy version ascending; empty if none. */
  List<URI> list(String runId);

  /**
   * Deletes what was never published: staging leftovers of a process killed mid-publish. Call it
   * when no publish is in flight (at trainer start), since an in-flight publish looks the same.
   *
   * @return how many directories were deleted
   */
  int cleanUncommitted();

  /**
   * Deletes the published checkpoints of {@code runId} newer than {@code lastCommitted}: versions
   * whose files were published but whose Kafka transaction never committed (the trainer was killed
   * in between). Call it at trainer start, before publishing again.
   *
   * @return how many versions were deleted
   */
  int discardNewerThan(String runId, long lastCommitted);

  /**
   * The store rooted at {@code root}, chosen by its scheme ({@code file:/var/brevity/ckpt}).
   *
   * @throws IllegalArgumentException for a scheme not in {@link #SUPPORTED_SCHEMES}
   */
  static CheckpointStore forUri(URI root) {
    String scheme = root.getScheme();
    if ("file".equalsIgnoreCase(scheme)) {
      return new FileCheckpointStore(Path.of(root));
    }
    throw new IllegalArgumentException(
        "unsupported checkpoint store URI '"
            + root
            + "' (scheme "
            + scheme
            + "); supported schemes: "
            + String.join(", ", SUPPORTED_SCHEMES));
  }
}
