package dev.brevity.sft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.policy.AdamW;
import dev.brevity.policy.LlamaConfig;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.LlamaWeights;
import dev.brevity.policy.SequenceScorer;
import dev.brevity.policy.SequenceScorer.TokenScores;
import dev.brevity.policy.checkpoint.HfCheckpoint;
import dev.brevity.sft.SftBatches.Sequence;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Traces;
import dev.brevity.task.Traces.Framing;
import dev.brevity.tokenizer.BundledTokenizer;
import dev.brevity.tokenizer.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the bundled policy from scratch on the teacher traces — the long-thinking reference model
 * that pruning starts from. Next-token cross-entropy on the completion only (the prompt is given,
 * not learned):
 *
 * <pre>
 *   loss = − Σ_{t ∈ completion} log π(y_t | y_&lt;t) / |completion tokens in the batch|
 * </pre>
 *
 * AdamW, linear warm-up then cosine decay, global gradient-norm clipping. Every {@code
 * checkpointEvery} steps the weights, optimiser state and step are saved to {@code <out>/last}; a
 * run started on the same directory resumes from there and ends exactly as an uninterrupted one.
 */
public final class SftTrainer {

  /** Resumable checkpoint inside the output directory. */
  public static final String LAST = "last";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a progress display receives after every step. */
  public record Progress(
      int step,
      int steps,
      double loss,
      double learningRate,
      double tokensPerSecond,
      double gradNorm,
      int skippedSteps) {}

  private SftTrainer() {}

  /**
   * Trains (or resumes) into {@code out}; returns the final checkpoint directory ({@code
   * out/last}).
   */
  public static Path train(SftConfig config, Path out, Consumer<Progress> progress) {
    return train(config, out, progress, config.steps(), null);
  }

  /**
   * Trains (or resumes) until step {@code stopAt} (at most {@code config.steps()}) and saves a
   * checkpoint there; the learning-rate schedule is still the full run's, so training the same
   * directory again later continues exactly where it stopped.
   *
   * @param init the checkpoint whose weights a new run starts from (a fresh optimiser), or null for
   *     random weights; ignored when resuming
   */
  public static Path train(
      SftConfig config, Path out, Consumer<Progress> progress, int stopAt, Path init) {
    Path last = out.resolve(LAST);
    try (NDManager manager = NDManager.newBaseManager();
        TextTokenizer tokenizer = TextTokenizer.bundled()) {
      int eos = tokenizer.tokenId(TextTokenizer.END_OF_TEXT).orElseThrow();
      int pad = tokenizer.tokenId(TextTokenizer.PAD).orElseThrow();
      LlamaConfig shape =
          LlamaConfig.small(
              tokenizer.vocabSize(),
              config.hidden(),
              config.layers(),
              config.heads(),
              config.heads(),
              config.intermediate(),
              config.maxPositions(),
              eos);
      int start = 0;
      Map<String, NDArray> weights;
      AdamW optimizer = new AdamW(AdamW.Hyper.standard(), manager);
      if (Files.exists(last.resolve("trainer_state.json"))) {
        HfCheckpoint.Loaded loaded = HfCheckpoint.read(last, manager);
        JsonNode state = readTree(loaded.trainerStateJson().orElseThrow());
        SftConfig saved = SftConfig.fromJson(state.get("config").toString());
        if (!saved.equals(config)) {
          throw new IllegalArgumentException(
              "cannot resume " + last + ": it was trained with " + saved + ", not " + config);
        }
        start = state.get("step").asInt();
        weights = loaded.weights();
        optimizer.restore(loaded.optimizerState(), start);
      } else if (init != null) {
        HfCheckpoint.Loaded loaded = HfCheckpoint.read(init, manager);
        LlamaConfig initShape = LlamaConfig.fromJson(loaded.configJson());
        if (!initShape.equals(shape)) {
          throw new IllegalArgumentException(
              "cannot start from " + init + ": its shape " + initShape + " is not " + shape);
        }
        weights = loaded.weights();
      } else {
        weights = LlamaWeights.initialize(shape, config.seed(), manager);
      }
      weights.values().forEach(w -> w.setRequiresGradient(true));
      try (LlamaModel model = new LlamaModel(shape, weights, manager)) {
        SftBatches batches =
            new SftBatches(
                framed(
                    ArithmeticTask.balanced(Split.TRAIN, config.perLevel(), config.seed()), config),
                tokenizer,
                eos,
                config);
        int skipped = 0;
        for (int step = start; step < Math.min(stopAt, config.steps()); step++) {
          long began = System.nanoTime();
          List<Sequence> batch = batches.batch(step);
          double loss = step(model, batch, pad);
          double norm = AdamW.gradientNorm(model.weights());
          double scale = norm > config.gradClip() ? config.gradClip() / norm : 1.0;
          double lr = config.learningRateAt(step);
          if (Double.isFinite(norm)) {
            optimizer.step(model.weights(), lr, scale);
          } else {
            AdamW.skip(model.weights()); // a non-finite gradient would poison every weight
            skipped++;
          }
          int tokens = batch.stream().mapToInt(Sequence::length).sum();
          double seconds = (System.nanoTime() - began) / 1e9;
          progress.accept(
              new Progress(step + 1, config.steps(), loss, lr, tokens / seconds, norm, skipped));
          boolean lastStep = step + 1 == config.steps() || step + 1 == stopAt;
          if ((step + 1) % config.checkpointEvery() == 0 || lastStep) {
            save(last, model, optimizer, tokenizer, config, step + 1, loss);
          }
        }
      } finally {
        optimizer.close();
      }
    }
    return last;
  }

  /** The examples with their teacher traces framed as the config says (seeded, in order). */
  private static List<Example> framed(List<Example> examples, SftConfig config) {
    if (config.framing().equals(Framing.ALWAYS)) {
      return examples;
    }
    Random random = new Random(config.seed());
    List<Example> framed = new ArrayList<>();
    for (Example e : examples) {
      framed.add(
          new Example(
              e.problem(), e.minimal(), Traces.withFraming(e.teacher(), config.framing(), random)));
    }
    return framed;
  }

  /** Forward, loss and backward of one batch; returns the loss. */
  private static double step(LlamaModel model, List<Sequence> batch, int pad) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> completions = new ArrayList<>();
    for (Sequence sequence : batch) {
      prompts.add(sequence.prompt());
      completions.add(sequence.completion());
    }
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      TokenScores scores = SequenceScorer.score(model, prompts, completions, pad, scope);
      NDArray mask = scores.completionMask(); // (B, T-1)
      NDArray loss = scores.logProbs().mul(mask).sum().neg().div(mask.sum()); // ()
      collector.backward(loss);
      return loss.getFloat();
    }
  }

  /** Writes the checkpoint to a staging directory, then swaps it in for {@code last}. */
  private static void save(
      Path last,
      LlamaModel model,
      AdamW optimizer,
      TextTokenizer tokenizer,
      SftConfig config,
      int step,
      double loss) {
    try {
      Path staging = last.resolveSibling(LAST + ".staging");
      deleteRecursively(staging);
      Path tokenizerJson = Files.createTempFile("tokenizer", ".json");
      Files.write(tokenizerJson, BundledTokenizer.committedJson());
      ObjectNode state = JSON.createObjectNode();
      state.put("step", step);
      state.put("loss", loss);
      state.set("config", readTree(config.toJson()));
      HfCheckpoint.write(
          staging,
          new HfCheckpoint.Contents(
              model.config().toJson(),
              model.weights(),
              tokenizerJson,
              optimizer.state(),
              JSON.writeValueAsString(state)));
      Files.delete(tokenizerJson);
      Path old = last.resolveSibling(LAST + ".old");
      deleteRecursively(old);
      if (Files.exists(last)) {
        Files.move(last, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, last, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint " + last, e);
    }
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("bad trainer state: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
