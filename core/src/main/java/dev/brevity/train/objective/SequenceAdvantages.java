package dev.brevity.train.objective;

import dev.brevity.ppo.Advantages;
import dev.brevity.run.RunPlan;
import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One advantage per rollout, from the rewards, as the work's {@link Work.Advantage} says. */
final class SequenceAdvantages {

  private SequenceAdvantages() {}

  /**
   * @param rewards r_i of each rollout (with {@code kl-mode: reward}, already lowered by β·KL)
   * @throws IllegalStateException for GAE, whose advantages are per token
   */
  static double[] of(Work.Update work, double[] rewards, RunPlan.Objective objective) {
    return switch (work.advantage()) {
      case GIVEN -> work.given();
      case GAE -> throw new IllegalStateException("GAE advantages are per token");
      case BATCH -> Advantages.zScore(rewards);
      case NONE -> new double[rewards.length];
      case GROUP -> grouped(work.rollouts(), rewards, objective);
    };
  }

  /** GRPO (or Dr. GRPO without the std) within each request's group of samples. */
  private static double[] grouped(
      List<Rollout> rollouts, double[] rewards, RunPlan.Objective objective) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < rollouts.size(); i++) {
      groups.computeIfAbsent(rollouts.get(i).requestId(), g -> new ArrayList<>()).add(i);
    }
    double[] advantages = new double[rewards.length];
    for (List<Integer> group : groups.values()) {
      double[] groupRewards = group.stream().mapToDouble(i -> rewards[i]).toArray();
      double[] groupAdvantages =
          objective.normAdvByStd()
              ? Advantages.grpo(groupRewards, objective.bessel())
              : Advantages.centered(groupRewards);
      for (int k = 0; k < group.size(); k++) {
        advantages[group.get(k)] = groupAdvantages[k];
      }
    }
    return advantages;
  }
}
