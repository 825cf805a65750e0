package dev.brevity.reward;

import java.util.List;

/**
 * A reward: a pure function of a judged trace, the group of its sibling traces (all K samples of
 * the same request, itself included), the problem's reference statistics and the spec's parameters.
 * The same inputs always give the same score, which is what replaying history with a reward relies
 * on.
 */
public interface Reward {

  /**
   * @param attempt the trace being scored
   * @param group all K traces of its request, itself included; only read when {@link #needsGroup()}
   * @param reference the problem's reference statistics; only read when {@link #needsReference()}
   */
  Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference);

  /** Whether scores depend on the sibling traces, so that scoring must wait for the whole group. */
  default boolean needsGroup() {
    return false;
  }

  /** Whether scores depend on the reference statistics of the problem. */
  default boolean needsReference() {
    return false;
  }

  /**
   * Whether scores read where the thinking first reaches the answer ({@link
   * Attempt#answerReachedAt}), which judging then locates.
   */
  default boolean needsAnswerPosition() {
    return false;
  }
}
