package dev.brevity.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.LlamaConfig;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.LlamaWeights;
import dev.brevity.task.TaskProblem;
import java.util.Map;
import java.util.stream.IntStream;

/** What the train package's tests build alike: a tiny random policy, its rollouts, a pool. */
final class TrainFixtures {

  private TrainFixtures() {}

  /** A tiny Llama: vocabulary 40, end-of-text 39. */
  static final LlamaConfig SHAPE = LlamaConfig.small(40, 16, 1, 2, 2, 32, 64, 39);

  static final int PAD = 38;

  /** Five problems p0..p4 (answer "1", difficulty 1 to 3), three samples each. */
  static final ProblemPool POOL =
      new ProblemPool(
          IntStream.range(0, 5)
              .mapToObj(i -> new TaskProblem("p" + i, "q" + i, "1", 1 + i % 3, "t"))
              .toList(),
          3);

  /** A {@link #SHAPE} model with random weights from {@code seed}. */
  static LlamaModel model(long seed, NDManager manager) {
    Map<String, NDArray> weights = LlamaWeights.initialize(SHAPE, seed, manager);
    return new LlamaModel(SHAPE, weights, manager);
  }

  /** Sample {@code index} of {@code request}, prompt 1 2 3, sampled at version 0, ended. */
  static Rollout rollout(
      String request, int index, int[] completion, double reward, boolean correct) {
    return new Rollout(
        request + "/" + index,
        request,
        request,
        1,
        index,
        0,
        0,
        false,
        new int[] {1, 2, 3},
        completion,
        new float[completion.length],
        true,
        reward,
        correct);
  }
}
