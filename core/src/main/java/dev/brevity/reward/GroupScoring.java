package dev.brevity.reward;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores the K judged attempts of one rollout request: the one definition of how a group is
 * rewarded, used by the reward-service and {@code brevity replay} (through the scoring module's
 * event adapter) and by {@code brevity train}'s in-process rollouts alike.
 *
 * <p>Reference samples get the statistics of their own group, which are returned to be published,
 * and are scored against them. Other attempts are scored with their siblings when the reward
 * compares them, else each alone, against the problem's stored statistics when the reward needs
 * them.
 */
public final class GroupScoring {

  private GroupScoring() {}

  /**
   * What scoring one request's attempts gives.
   *
   * @param scores one score per attempt, in sample order
   * @param referenceStatistics the group's own statistics when it is a reference group, else null
   */
  public record Result(List<Score> scores, ReferenceStatistics referenceStatistics) {}

  /**
   * Whether a request's attempts can only be scored together, all K of them: when the reward
   * compares siblings, or when they are reference samples (whose statistics come from all K).
   */
  public static boolean needsWholeGroup(int samples, boolean reference, VersionedReward reward) {
    return samples > 1 && (reward.needsGroup() || reference);
  }

  /**
   * @param attempts one request's attempts in sample order: all K when {@link #needsWholeGroup},
   *     else any of them
   * @param reference whether they are reference samples
   * @param stored the problem's published reference statistics, or null when the reward needs none
   *     (ignored for reference samples)
   * @throws IllegalArgumentException when the reward needs statistics and there are none
   */
  public static Result score(
      List<Attempt> attempts,
      boolean reference,
      VersionedReward reward,
      ReferenceStatistics stored) {
    ReferenceStatistics own = reference ? ReferenceStatistics.of(attempts) : null;
    ReferenceStatistics against = reference ? own : stored;
    List<Score> scores = new ArrayList<>(attempts.size());
    for (Attempt attempt : attempts) {
      List<Attempt> group = reference || reward.needsGroup() ? attempts : List.of(attempt);
      scores.add(reward.score(attempt, group, against));
    }
    return new Result(scores, own);
  }
}
