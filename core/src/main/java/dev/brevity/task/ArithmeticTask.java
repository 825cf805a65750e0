package dev.brevity.task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.zip.CRC32;

/**
 * The bundled reasoning task: difficulty-graded arithmetic chains ({@link Level}), seeded and
 * deterministic, each with a minimal solution and an O1-style teacher trace ({@link Traces}).
 *
 * <p>A problem belongs to exactly one split, decided by a hash of its question text ({@link
 * #splitOf}), so train and eval are disjoint by construction, whatever the seeds.
 */
public final class ArithmeticTask {

  /** Data set name recorded on every problem. */
  public static final String DATASET = "arith";

  /** One problem in this many belongs to the eval split. */
  static final int EVAL_ONE_IN = 5;

  /** Attempts per requested problem before a level is declared too small. */
  private static final int ATTEMPTS_PER_PROBLEM = 200;

  private ArithmeticTask() {}

  /** Which split a problem belongs to. */
  public enum Split {
    TRAIN,
    EVAL;

    /** The split named {@code name} (case-insensitive), listing the valid names otherwise. */
    public static Split of(String name) {
      for (Split split : values()) {
        if (split.name().equalsIgnoreCase(name)) {
          return split;
        }
      }
      throw new IllegalArgumentException("unknown split '" + name + "'; valid splits: train, eval");
    }
  }

  /** One problem with both of its solutions. */
  public record Example(TaskProblem problem, String minimal, String teacher) {}

  /** The question text of a chain. */
  public static String question(Chain chain) {
    return "Compute " + chain.expression() + ".";
  }

  /** The split a question belongs to: a stable hash, the same on every machine. */
  public static Split splitOf(String question) {
    CRC32 crc = new CRC32();
    crc.update(question.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % EVAL_ONE_IN == 0 ? Split.EVAL : Split.TRAIN;
  }

  /**
   * {@code count} distinct problems of {@code level} in {@code split}, the same for the same seed.
   *
   * @throws IllegalStateException if the level has too few distinct problems in the split
   */
  public static List<Example> examples(Split split, int level, int count, long seed) {
    return generate(split, Level.of(level), count, seed, true);
  }

  /**
   * The same for a level given in full, e.g. one of an earlier version of the task (the bundled
   * tokenizer's corpus keeps the levels it was trained on).
   */
  public static List<Example> examples(Split split, Level level, int count, long seed) {
    return generate(split, level, count, seed, true);
  }

  /**
   * Up to {@code count} distinct problems of {@code level} in {@code split}: all there are when the
   * level has fewer (level 1 has about 1,200 in the train split).
   */
  public static List<Example> examplesUpTo(Split split, int level, int count, long seed) {
    return generate(split, Level.of(level), count, seed, false);
  }

  private static List<Example> generate(
      Split split, Level spec, int count, long seed, boolean all) {
    int level = spec.level();
    Random random = new Random(seed * 31 + level);
    Set<String> seen = new LinkedHashSet<>();
    List<Example> examples = new ArrayList<>();
    long attempts = 0;
    while (examples.size() < count) {
      if (++attempts > (long) ATTEMPTS_PER_PROBLEM * count) {
        if (!all) {
          break;
        }
        throw new IllegalStateException(
            "level " + level + " has fewer than " + count + " distinct " + split + " problems");
      }
      Chain chain = Chain.random(spec, random);
      String question = question(chain);
      if (splitOf(question) != split || !seen.add(question)) {
        continue;
      }
      String id = DATASET + "-" + split.name().toLowerCase() + "-L" + level + "-" + examples.size();
      TaskProblem problem =
          new TaskProblem(id, question, Integer.toString(chain.value()), level, DATASET);
      Random teacherRandom = new Random(question.hashCode() * 1_000_003L + seed);
      examples.add(
          new Example(problem, Traces.minimal(chain), Traces.teacher(chain, level, teacherRandom)));
    }
    return examples;
  }

  /** {@code perLevel} problems of every level in {@code split}, easiest level first. */
  public static List<Example> examples(Split split, int perLevel, long seed) {
    return everyLevel(level -> examples(split, level, perLevel, seed));
  }

  /**
   * Exactly {@code perLevel} examples of every level: a level with fewer distinct problems (level
   * 1) repeats them, each repeat with a differently seeded teacher trace, so that every level
   * weighs the same in training.
   */
  public static List<Example> balanced(Split split, int perLevel, long seed) {
    List<Example> all = new ArrayList<>();
    for (Level level : Level.ALL) {
      List<Example> ofLevel = new ArrayList<>();
      for (long round = 0; ofLevel.size() < perLevel; round++) {
        List<Example> more = examplesUpTo(split, level.level(), perLevel, seed + round * 7919);
        ofLevel.addAll(more.subList(0, Math.min(more.size(), perLevel - ofLevel.size())));
      }
      all.addAll(ofLevel);
    }
    return all;
  }

  /** Up to {@code perLevel} problems of every level (fewer where a level runs out). */
  public static List<Example> examplesUpTo(Split split, int perLevel, long seed) {
    return everyLevel(level -> examplesUpTo(split, level, perLevel, seed));
  }

  /** {@code ofLevel}'s examples of every level, easiest level first. */
  private static List<Example> everyLevel(IntFunction<List<Example>> ofLevel) {
    List<Example> all = new ArrayList<>();
    for (Level level : Level.ALL) {
      all.addAll(ofLevel.apply(level.level()));
    }
    return all;
  }
}
