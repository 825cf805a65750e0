package dev.brevity.train.objective;

import dev.brevity.ppo.Advantages;
import dev.brevity.run.PolicyGradient;
import dev.brevity.run.RunPlan;
import dev.brevity.train.Rollout;
import dev.brevity.train.Work;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One advantage per rollout, from the rewards, as the work's {@link Work.Advantage} says. */
final class SequenceAdvantages {

  private SequenceAdvantages() {}

  /**
   * @param rollouts the rollouts whose rewards make the advantages (the update's, then any that
   *     count only in their group's statistics)
   * @param rewards r_i of each of them (with {@code kl-mode: reward}, already lowered by β·KL)
   * @throws IllegalStateException for GAE, whose advantages are per token
   */
  static double[] of(Work.Update work, List<Rollout> rollouts, double[] rewards, RunPlan plan) {
    return switch (work.advantage()) {
      case GIVEN -> work.given();
      case GAE -> throw new IllegalStateException("GAE advantages are per token");
      case BATCH -> Advantages.zScore(rewards);
      case NONE -> new double[rewards.length];
      case GROUP -> grouped(rollouts, rewards, plan);
    };
  }

  /**
   * The advantages of the work's rollouts, their groups' statistics taken with its statistics-only
   * rollouts as well (overlong filtering: a cut rollout leaves the loss, not its group).
   *
   * @param rewards r_i of the work's rollouts
   * @param extraRewards r_i of its statistics-only rollouts
   */
  static double[] withStatisticsOnly(
      Work.Update work, double[] rewards, double[] extraRewards, RunPlan plan) {
    List<Rollout> all = new ArrayList<>(work.rollouts());
    all.addAll(work.statisticsOnly());
    double[] allRewards = Arrays.copyOf(rewards, rewards.length + extraRewards.length);
    System.arraycopy(extraRewards, 0, allRewards, rewards.length, extraRewards.length);
    return Arrays.copyOf(of(work, all, allRewards, plan), rewards.length);
  }

  /**
   * The group estimator of {@code advantage}: GRPO (its centred advantage divided by the group's
   * std, the batch's, or nothing), RLOO within each request's group, REINFORCE++ over the batch.
   */
  private static double[] grouped(List<Rollout> rollouts, double[] rewards, RunPlan plan) {
    PolicyGradient pg = plan.policyGradient();
    boolean bessel = plan.objective().bessel();
    int[] lengths = rollouts.stream().mapToInt(Rollout::length).toArray();
    return switch (pg.advantage()) {
      case GRPO ->
          switch (pg.scaleRewards()) {
            case GROUP -> perGroup(rollouts, rewards, g -> Advantages.grpo(g, bessel));
            case NONE -> perGroup(rollouts, rewards, Advantages::centered);
            case BATCH -> {
              double[] centred = perGroup(rollouts, rewards, Advantages::centered);
              double std = Advantages.std(rewards, bessel);
              for (int i = 0; i < centred.length; i++) {
                centred[i] /= std + Advantages.GRPO_EPSILON;
              }
              yield centred;
            }
          };
      case RLOO -> perGroup(rollouts, rewards, Advantages::rloo);
      case REINFORCE_PLUS_PLUS -> Advantages.reinforcePlusPlus(rewards, lengths);
      case REINFORCE_PLUS_PLUS_BASELINE ->
          Advantages.whitenOverTokens(perGroup(rollouts, rewards, Advantages::centered), lengths);
    };
  }

  /** {@code estimator} within each request's group of samples. */
  private static double[] perGroup(
      List<Rollout> rollouts, double[] rewards, UnaryOperator<double[]> estimator) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < rollouts.size(); i++) {
      groups.computeIfAbsent(rollouts.get(i).requestId(), g -> new ArrayList<>()).add(i);
    }
    double[] advantages = new double[rewards.length];
    for (List<Integer> group : groups.values()) {
      double[] groupAdvantages =
          estimator.apply(group.stream().mapToDouble(i -> rewards[i]).toArray());
      for (int k = 0; k < group.size(); k++) {
        advantages[group.get(k)] = groupAdvantages[k];
      }
    }
    return advantages;
  }
}
