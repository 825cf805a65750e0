package dev.brevity.train;

/** Reference samples for the offline methods' tests: prompt {@code [1]}, version 0, stage 0. */
final class ReferenceSamples {

  private ReferenceSamples() {}

  /**
   * Sample {@code index} of {@code problem} (its request and problem id), {@code length} tokens
   * long, finished, with {@code reward}; its trace id is {@code problem/index}.
   */
  static Rollout sample(String problem, int index, int length, boolean correct, double reward) {
    return new Rollout(
        problem + "/" + index,
        problem,
        problem,
        1,
        index,
        0,
        0,
        true,
        new int[] {1},
        new int[length],
        new float[length],
        true,
        reward,
        correct);
  }
}
