package dev.brevity.tokenizer;

import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the bundled tokenizer is made: byte-level BPE whose merges are learned from the bundled
 * task's train split (questions, minimal and teacher traces), digits kept one token each. The
 * result is committed as {@link #RESOURCE}; a test regenerates it and fails if it differs.
 */
public final class BundledTokenizer {

  /** Class-path location of the bundled tokenizer.json. */
  public static final String RESOURCE = "/dev/brevity/tokenizer/tokenizer.json";

  /** At most this many merges on top of the 256 byte symbols (the corpus runs out near 200). */
  static final int MERGES = 300;

  /** Training problems per difficulty level. */
  static final int PROBLEMS_PER_LEVEL = 200;

  /** Seed of the training problems. */
  static final long SEED = 1;

  /**
   * The task's levels as they were when the tokenizer was trained (sign changes from level 4 on).
   * Frozen: a later change to the task must not change the vocabulary that trained models use.
   */
  static final List<Level> CORPUS_LEVELS =
      List.of(
          new Level(1, 2, 9, 9, false),
          new Level(2, 3, 9, 9, false),
          new Level(3, 4, 49, 19, false),
          new Level(4, 5, 49, 29, true),
          new Level(5, 6, 49, 49, true),
          new Level(6, 7, 69, 69, true),
          new Level(7, 8, 99, 99, true));

  /** Added tokens, ids after the merges: end of text, padding, and the thinking delimiters. */
  static final List<String> ADDED =
      List.of(TextTokenizer.END_OF_TEXT, TextTokenizer.PAD, "<think>", "</think>");

  private BundledTokenizer() {}

  /** The committed tokenizer.json, as shipped in the jar. */
  public static byte[] committedJson() {
    try (InputStream in = BundledTokenizer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tokenizer.json text of the bundled tokenizer. */
  public static String tokenizerJson() {
    List<String> corpus = new ArrayList<>();
    for (Level level : CORPUS_LEVELS) {
      for (Example example :
          ArithmeticTask.examples(Split.TRAIN, level, PROBLEMS_PER_LEVEL, SEED)) {
        corpus.add(example.problem().question());
        corpus.add(example.minimal());
        corpus.add(example.teacher());
      }
    }
    return BpeTrainer.train(corpus, MERGES, ADDED, List.of(true, true, false, false));
  }
}
