package dev.brevity.policy.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code model.safetensors.index.json} of a sharded Hugging Face model: which shard file holds
 * each tensor.
 *
 * @param weightMap tensor name to shard file name (a plain name inside the model directory)
 */
record ShardIndex(SortedMap<String, String> weightMap) {

  private static final ObjectMapper JSON = new ObjectMapper();

  ShardIndex {
    weightMap = Collections.unmodifiableSortedMap(new TreeMap<>(weightMap));
  }

  /**
   * Reads the index in {@code dir}.
   *
   * @throws CheckpointException naming the index if it is not JSON, has no {@code weight_map}, or
   *     points outside the directory
   */
  static ShardIndex read(Path dir) {
    String file = CheckpointFiles.MODEL_INDEX;
    JsonNode root;
    try {
      root = JSON.readTree(dir.resolve(file).toFile());
    } catch (IOException e) {
      throw new CheckpointException(dir, file, "cannot be read: " + e.getMessage(), e);
    }
    JsonNode map = root == null ? null : root.get("weight_map");
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw new CheckpointException(dir, file, "has no weight_map object");
    }
    SortedMap<String, String> weightMap = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      String shard = entry.getValue().asText("");
      if (!isPlainFileName(shard)) {
        throw new CheckpointException(
            dir,
            file,
            "maps " + entry.getKey() + " to '" + shard + "', not a file in the model directory");
      }
      weightMap.put(entry.getKey(), shard);
    }
    return new ShardIndex(weightMap);
  }

  /** The distinct shard files, in name order. */
  SortedSet<String> shards() {
    return new TreeSet<>(weightMap.values());
  }

  private static boolean isPlainFileName(String name) {
    return !name.isEmpty()
        && !name.equals(".")
        && !name.equals("..")
        && !name.contains("/")
        && !name.contains("\\");
  }
}
