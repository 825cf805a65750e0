package dev.brevity.tokenizer;

import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
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
    for (Example example : ArithmeticTask.examples(Split.TRAIN, PROBLEMS_PER_LEVEL, SEED)) {
      corpus.add(example.problem().question());
      corpus.add(example.minimal());
      corpus.add(example.teacher());
    }
    return BpeTrainer.train(corpus, MERGES, ADDED, List.of(true, true, false, false));
  }
}
