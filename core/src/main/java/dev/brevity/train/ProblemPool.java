package dev.brevity.train;

import dev.brevity.data.JsonlDatasets;
import dev.brevity.run.RunPlan;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.TaskProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The problems a run trains on, in a fixed order, and which of them each batch asks about: batch b
 * takes the next {@code prompts-per-step} problems of a seeded shuffle of the pool, reshuffled
 * every pass. Deterministic, so a restarted trainer asks the same questions.
 */
public final class ProblemPool {

  private final List<TaskProblem> problems;
  private final long seed;

  public ProblemPool(List<TaskProblem> problems, long seed) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a run needs at least one problem");
    }
    this.problems = List.copyOf(problems);
    this.seed = seed;
  }

  /** The pool a plan names: the bundled task's train split, or a JSONL file. */
  public static ProblemPool of(RunPlan.Data data) {
    List<TaskProblem> problems =
        data.dataset().equals(ArithmeticTask.DATASET)
            ? ArithmeticTask.examplesUpTo(Split.TRAIN, data.perLevel(), data.seed()).stream()
                .map(ArithmeticTask.Example::problem)
                .toList()
            : JsonlDatasets.read(Path.of(data.dataset()));
    return new ProblemPool(problems, data.seed());
  }

  public List<TaskProblem> problems() {
    return problems;
  }

  public int size() {
    return problems.size();
  }

  /** The {@code count} problems of batch {@code batch}. */
  public List<TaskProblem> batch(long batch, int count) {
    List<TaskProblem> out = new ArrayList<>(count);
    long passIndex = -1;
    List<TaskProblem> order = List.of();
    for (long i = batch * count; i < (batch + 1) * count; i++) {
      if (i / problems.size() != passIndex) {
        passIndex = i / problems.size();
        order = pass(passIndex);
      }
      out.add(order.get((int) (i % problems.size())));
    }
    return out;
  }

  /**
   * Problem {@code index} of batch {@code batch}'s reserve, from which dynamic sampling asks for
   * more prompts: a second seeded stream of the pool (its passes shuffled apart from the batches'),
   * in which each batch owns {@code perBatch} consecutive places.
   */
  public TaskProblem reserve(long batch, int index, int perBatch) {
    long position = batch * perBatch + index;
    return pass(-1 - position / problems.size()).get((int) (position % problems.size()));
  }

  private List<TaskProblem> pass(long pass) {
    List<TaskProblem> order = new ArrayList<>(problems);
    Collections.shuffle(order, new Random(seed * 1_000_003L + pass));
    return order;
  }
}
