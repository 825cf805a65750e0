package dev.brevity.cli.bench;

import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Prompts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The pieces decode benchmarks share: the prompts, a generator that never stops early, a clock. */
public final class DecodeRuns {

  /** Difficulty level of the benchmark prompts (mid-range: prompts of a typical length). */
  public static final int PROMPT_LEVEL = 4;

  private DecodeRuns() {}

  /**
   * A generator with no end-of-sequence token: every sequence runs to its token limit, so a run
   * generates exactly batch × limit tokens.
   */
  public static Generator runToLimit(Policy policy) {
    return new Generator(policy.model(), policy.tokenizer(), Set.of(), policy.padId());
  }

  /** {@code batch} distinct eval problems of level {@link #PROMPT_LEVEL}, as prompt token ids. */
  public static List<int[]> prompts(Policy policy, int batch) {
    List<int[]> prompts = new ArrayList<>();
    ArithmeticTask.examples(Split.EVAL, PROMPT_LEVEL, batch, 1)
        .forEach(e -> prompts.add(policy.tokenizer().encode(Prompts.of(e.problem()))));
    return prompts;
  }

  /** Wall-clock seconds of {@code run}. */
  public static double seconds(Runnable run) {
    long started = System.nanoTime();
    run.run();
    return (System.nanoTime() - started) / 1e9;
  }
}
