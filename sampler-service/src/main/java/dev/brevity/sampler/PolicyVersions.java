package dev.brevity.sampler;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.brevity.events.CheckpointPublished;
import dev.brevity.policy.Policy;
import dev.brevity.policy.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The policy versions a sampler can serve: version 0 of every run is the base model; later versions
 * are the checkpoints published on brevity.checkpoints, loaded from the checkpoint store (manifest
 * verified) the first time a request needs them. The least recently used loaded versions are closed
 * beyond a limit; a version in use is never closed, since generation and loading happen on the same
 * thread.
 */
final class PolicyVersions implements AutoCloseable {

  /** A policy chosen for a request. */
  record Selected(long version, Policy policy) {}

  private final NDManager manager;
  private final Policy base;
  private final CheckpointStore store;
  private final int maxLoaded;
  private final Map<String, NavigableMap<Long, CheckpointPublished>> published =
      new LinkedHashMap<>();
  private final LinkedHashMap<String, Loaded> loaded = new LinkedHashMap<>(16, 0.75f, true);

  /** A loaded version and the native memory it owns. */
  private record Loaded(Policy policy, NDManager memory) implements AutoCloseable {
    @Override
    public void close() {
      policy.close();
      memory.close();
    }
  }

  PolicyVersions(Path baseModel, Device device, CheckpointStore store, int maxLoaded) {
    this.manager = NDManager.newBaseManager(device);
    this.base = Policy.load(baseModel, manager.newSubManager());
    this.store = store;
    this.maxLoaded = maxLoaded;
  }

  /** Records a published checkpoint; it is loaded when first needed. */
  void published(CheckpointPublished checkpoint) {
    published
        .computeIfAbsent(checkpoint.getRunId(), run -> new TreeMap<>())
        .put(checkpoint.getPolicyVersion(), checkpoint);
  }

  /**
   * The newest version of {@code runId} in [requested, requested + maxStaleness] that is known,
   * loaded if needed.
   *
   * @throws IllegalStateException naming the version and why it cannot be served
   */
  Selected select(String runId, long requested, int maxStaleness) {
    NavigableMap<Long, CheckpointPublished> versions =
        published.getOrDefault(runId, new TreeMap<>());
    Map.Entry<Long, CheckpointPublished> newest =
        versions.floorEntry(requested + Math.max(0, maxStaleness));
    if (newest != null && newest.getKey() >= requested && newest.getKey() > 0) {
      return new Selected(newest.getKey(), load(newest.getValue()));
    }
    if (requested == 0) {
      return new Selected(0, base);
    }
    throw new IllegalStateException(
        "policy version "
            + requested
            + (maxStaleness > 0 ? " (or up to " + (requested + maxStaleness) + ")" : "")
            + " of run "
            + runId
            + " has not been published");
  }

  /** The base model (version 0). */
  Policy base() {
    return base;
  }

  private Policy load(CheckpointPublished checkpoint) {
    String key = checkpoint.getRunId() + "@" + checkpoint.getPolicyVersion();
    Loaded hit = loaded.get(key);
    if (hit != null) {
      return hit.policy();
    }
    NDManager memory = manager.newSubManager();
    Policy policy;
    try {
      Path dir = store.open(URI.create(checkpoint.getUri()));
      String manifest = sha256(dir.resolve("manifest.json"));
      if (!manifest.equals(checkpoint.getManifestSha256())) {
        throw new IllegalStateException(
            "manifest sha256 "
                + manifest
                + " differs from the published "
                + checkpoint.getManifestSha256());
      }
      policy = Policy.load(dir, memory);
    } catch (RuntimeException e) {
      memory.close();
      throw new IllegalStateException(
          "cannot load policy version "
              + checkpoint.getPolicyVersion()
              + " of run "
              + checkpoint.getRunId()
              + " from "
              + checkpoint.getUri()
              + ": "
              + e.getMessage(),
          e);
    }
    loaded.put(key, new Loaded(policy, memory));
    while (loaded.size() > maxLoaded) {
      var eldest = loaded.entrySet().iterator().next();
      eldest.getValue().close();
      loaded.remove(eldest.getKey());
    }
    return policy;
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    loaded.values().forEach(Loaded::close);
    base.close();
    manager.close();
  }
}
