package dev.brevity.reward;

import java.util.List;

/**
 * A reward made from a spec, with the stable id recorded on every score it gives.
 *
 * @param spec the spec as written, e.g. {@code o1-pruner(lambda=2.0)}
 * @param versionId name, every parameter in canonical form and the code version, e.g. {@code
 *     o1-pruner(lambda=2,lenient=true)@2.v3}: two specs with the same id give the same scores
 * @param reward the function
 */
public record VersionedReward(String spec, String versionId, Reward reward) {

  /**
   * @throws IllegalArgumentException when the reward needs the group and {@code attempt} is not in
   *     it, or needs reference statistics and there are none
   */
  public Score score(Attempt attempt, List<Attempt> group, ReferenceStatistics reference) {
    if (reward.needsGroup() && !group.contains(attempt)) {
      throw new IllegalArgumentException(
          spec + " needs the trace's group, and the trace is not in it");
    }
    if (reward.needsReference() && reference == null) {
      throw new IllegalArgumentException(spec + " needs the problem's reference statistics");
    }
    return reward.score(attempt, group, reference);
  }

  public boolean needsGroup() {
    return reward.needsGroup();
  }

  public boolean needsReference() {
    return reward.needsReference();
  }

  public boolean needsAnswerPosition() {
    return reward.needsAnswerPosition();
  }
}
