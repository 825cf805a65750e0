package dev.brevity.policy.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A checkpoint in Hugging Face layout: {@code config.json}, {@code model.safetensors} and {@code
 * tokenizer.json} as {@code save_pretrained} writes them, plus Brevity's {@code
 * optimizer.safetensors}, {@code trainer_state.json} and {@code manifest.json}. {@link #read} also
 * loads a plain downloaded Hugging Face model directory (no manifest; single or sharded weights).
 */
public final class HfCheckpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HfCheckpoint() {}

  /**
   * What a checkpoint holds, to be written.
   *
   * @param configJson the model's Hugging Face {@code config.json} text
   * @param weights parameters keyed by Hugging Face name ({@code model.norm.weight}), not empty
   * @param tokenizerJson the {@code tokenizer.json} file to copy in
   * @param optimizerState optimizer tensors keyed by name; empty writes no optimizer file
   * @param trainerStateJson the trainer's state as JSON, or {@code null} for none
   */
  public record Contents(
      String configJson,
      Map<String, NDArray> weights,
      Path tokenizerJson,
      Map<String, NDArray> optimizerState,
      String trainerStateJson) {

    public Contents {
      Objects.requireNonNull(configJson, "configJson");
      Objects.requireNonNull(tokenizerJson, "tokenizerJson");
      weights = sortedCopy(Objects.requireNonNull(weights, "weights"));
      optimizerState = sortedCopy(Objects.requireNonNull(optimizerState, "optimizerState"));
      if (weights.isEmpty()) {
        throw new IllegalArgumentException("a checkpoint needs at least one weight");
      }
    }
  }

  /**
   * What a checkpoint held, as read. The tensors belong to a sub-manager of the manager given to
   * {@link #read}, so closing that manager frees them.
   *
   * @param configJson the {@code config.json} text
   * @param weights parameters keyed by Hugging Face name, float32
   * @param tokenizerJson the {@code tokenizer.json} inside the checkpoint directory
   * @param optimizerState optimizer tensors keyed by name; empty if the checkpoint has none
   * @param trainerStateJson the {@code trainer_state.json} text, if present
   */
  public record Loaded(
      String configJson,
      Map<String, NDArray> weights,
      Path tokenizerJson,
      Map<String, NDArray> optimizerState,
      Optional<String> trainerStateJson) {

    public Loaded {
      Objects.requireNonNull(configJson, "configJson");
      Objects.requireNonNull(tokenizerJson, "tokenizerJson");
      Objects.requireNonNull(trainerStateJson, "trainerStateJson");
      weights = sortedCopy(weights);
      optimizerState = sortedCopy(optimizerState);
    }
  }

  /**
   * Writes {@code contents} into {@code dir} (created if absent, and it must be empty): every file
   * first, each synced, and {@code manifest.json} last, so a directory without a manifest is known
   * to be incomplete.
   *
   * @throws CheckpointException naming the directory and the file that could not be written
   */
  public static void write(Path dir, Contents contents) {
    createEmptyDirectory(dir);
    requireJson(dir, CheckpointFiles.CONFIG, contents.configJson());
    writeText(dir, CheckpointFiles.CONFIG, contents.configJson());
    Safetensors.write(dir, CheckpointFiles.MODEL, contents.weights());
    copyTokenizer(dir, contents.tokenizerJson());
    if (!contents.optimizerState().isEmpty()) {
      Safetensors.write(dir, CheckpointFiles.OPTIMIZER, contents.optimizerState());
    }
    if (contents.trainerStateJson() != null) {
      requireJson(dir, CheckpointFiles.TRAINER_STATE, contents.trainerStateJson());
      writeText(dir, CheckpointFiles.TRAINER_STATE, contents.trainerStateJson());
    }
    Manifest.of(dir).write(dir);
  }

  /**
   * Reads the checkpoint or Hugging Face model in {@code dir}, tensors into a sub-manager of {@code
   * manager}. With a {@code manifest.json}, every listed file is verified before anything is
   * parsed. Without one, the directory must hold {@code config.json}, {@code tokenizer.json} and
   * either {@code model.safetensors} or {@code model.safetensors.index.json} with its shards.
   *
   * @throws CheckpointException naming the first file that is missing, damaged or undecodable
   */
  public static Loaded read(Path dir, NDManager manager) {
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException(dir, "is not a directory");
    }
    if (Files.exists(dir.resolve(CheckpointFiles.MANIFEST))) {
      Manifest.read(dir).verify(dir);
    }
    String configJson = readText(dir, CheckpointFiles.CONFIG);
    Path tokenizer = requireFile(dir, CheckpointFiles.TOKENIZER);
    Optional<String> trainerState =
        Files.exists(dir.resolve(CheckpointFiles.TRAINER_STATE))
            ? Optional.of(readText(dir, CheckpointFiles.TRAINER_STATE))
            : Optional.empty();
    NDManager tensors = manager.newSubManager();
    try {
      Map<String, NDArray> weights = readWeights(dir, tensors);
      Map<String, NDArray> optimizer =
          Files.exists(dir.resolve(CheckpointFiles.OPTIMIZER))
              ? Safetensors.read(dir, CheckpointFiles.OPTIMIZER, tensors)
              : Map.of();
      return new Loaded(configJson, weights, tokenizer, optimizer, trainerState);
    } catch (RuntimeException e) {
      tensors.close();
      throw e;
    }
  }

  private static Map<String, NDArray> readWeights(Path dir, NDManager manager) {
    if (Files.exists(dir.resolve(CheckpointFiles.MODEL))) {
      return Safetensors.read(dir, CheckpointFiles.MODEL, manager);
    }
    if (!Files.exists(dir.resolve(CheckpointFiles.MODEL_INDEX))) {
      throw new CheckpointException(
          dir,
          CheckpointFiles.MODEL,
          "is missing (and there is no " + CheckpointFiles.MODEL_INDEX + " of shards)");
    }
    ShardIndex index = ShardIndex.read(dir);
    SortedMap<String, NDArray> weights = new TreeMap<>();
    SortedMap<String, String> shardOf = new TreeMap<>();
    for (String shard : index.shards()) {
      Safetensors.read(dir, shard, manager)
          .forEach(
              (name, array) -> {
                String earlier = shardOf.putIfAbsent(name, shard);
                if (earlier != null) {
                  throw new CheckpointException(
                      dir, shard, "repeats tensor " + name + ", already in " + earlier);
                }
                weights.put(name, array);
              });
    }
    index
        .weightMap()
        .forEach(
            (name, shard) -> {
              if (!shard.equals(shardOf.get(name))) {
                throw new CheckpointException(
                    dir,
                    shard,
                    "does not hold tensor "
                        + name
                        + ", which "
                        + CheckpointFiles.MODEL_INDEX
                        + " places there");
              }
            });
    return weights;
  }

  private static void createEmptyDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new CheckpointException(
              dir, "is not empty: a checkpoint is written into a new directory");
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(dir, "cannot be created: " + e, e);
    }
  }

  private static void requireJson(Path dir, String file, String json) {
    try {
      JSON.readTree(json);
    } catch (IOException e) {
      throw new CheckpointException(dir, file, "would not be valid JSON: " + e.getMessage(), e);
    }
  }

  private static void writeText(Path dir, String file, String text) {
    try {
      DurableFiles.write(dir.resolve(file), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CheckpointException(dir, file, "cannot be written: " + e, e);
    }
  }

  private static void copyTokenizer(Path dir, Path tokenizer) {
    if (!Files.isRegularFile(tokenizer)) {
      throw new CheckpointException(
          dir, CheckpointFiles.TOKENIZER, "cannot be copied in: " + tokenizer + " is not a file");
    }
    try {
      DurableFiles.copy(tokenizer, dir.resolve(CheckpointFiles.TOKENIZER));
    } catch (IOException e) {
      throw new CheckpointException(
          dir, CheckpointFiles.TOKENIZER, "cannot be copied from " + tokenizer + ": " + e, e);
    }
  }

  private static Path requireFile(Path dir, String file) {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new CheckpointException(dir, file, "is missing");
    }
    return path;
  }

  private static String readText(Path dir, String file) {
    try {
      return Files.readString(requireFile(dir, file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckpointException(dir, file, "cannot be read: " + e, e);
    }
  }

  private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
    SortedMap<String, V> copy = new TreeMap<>();
    map.forEach(
        (name, value) -> copy.put(Objects.requireNonNull(name), Objects.requireNonNull(value)));
    return Collections.unmodifiableSortedMap(copy);
  }
}
