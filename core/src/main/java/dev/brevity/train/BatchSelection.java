package dev.brevity.train;

import dev.brevity.run.PolicyGradient;
import dev.brevity.run.PolicyGradient.GfpoMetric;
import dev.brevity.run.RunPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a complete batch's rollouts an update trains on, and the one fate of each of the rest,
 * in this order: STALE beyond the staleness bound; GFPO's filter (the k best of each group);
 * dynamic sampling (groups whose rewards are all equal, and groups beyond {@code prompts-per-step};
 * or, while rounds remain and too few groups differ, a request for more prompts instead of an
 * update); overlong filtering (rollouts cut at the token limit stay in their group's statistics but
 * leave the loss). With the plan's defaults every fresh rollout is trained on.
 */
final class BatchSelection {

  /**
   * @param trained the rollouts of the loss
   * @param statisticsOnly rollouts that count in their group's advantage but not in the loss
   * @param stale STALE fates
   * @param filtered FILTERED fates, those of {@code statisticsOnly} among them
   * @param morePrompts prompts to request before the batch can be trained; 0 when it can
   */
  record Selection(
      List<Rollout> trained,
      List<Rollout> statisticsOnly,
      List<DecidedFate> stale,
      List<DecidedFate> filtered,
      int morePrompts) {}

  static final String ZERO_VARIANCE = "zero-variance group";
  static final String SURPLUS = "dynamic sampling: the batch holds prompts-per-step groups already";
  static final String OVERLONG = "overlong: masked";

  private BatchSelection() {}

  /**
   * @param rollouts the batch's rollouts, in {@link RunDriver#sorted} order
   * @param atVersion the version the update would train
   * @param rounds the rounds of requests the batch has had, the first included
   */
  static Selection select(List<Rollout> rollouts, RunPlan plan, long atVersion, int rounds) {
    PolicyGradient pg = plan.policyGradient();
    int maxStaleness = plan.schedule().maxStaleness();
    List<DecidedFate> stale = new ArrayList<>();
    List<DecidedFate> filtered = new ArrayList<>();
    Map<String, List<Rollout>> groups = new LinkedHashMap<>();
    for (Rollout r : rollouts) {
      if (atVersion - r.policyVersion() > maxStaleness) {
        stale.add(DecidedFate.stale(r, atVersion, maxStaleness));
      } else {
        groups.computeIfAbsent(r.requestId(), id -> new ArrayList<>()).add(r);
      }
    }
    List<List<Rollout>> kept = new ArrayList<>();
    for (List<Rollout> group : groups.values()) {
      kept.add(pg.gfpoKeep() > 0 ? gfpo(group, pg.gfpoKeep(), pg.gfpoMetric(), filtered) : group);
    }
    if (pg.dynamicSampling()) {
      int prompts = plan.sampling().promptsPerStep();
      long informative = kept.stream().filter(BatchSelection::rewardsDiffer).count();
      if (informative < prompts && rounds < pg.maxSamplingRounds()) {
        long requested = rollouts.stream().map(Rollout::requestId).distinct().count();
        // the shortfall, scaled by the share of groups that differed so far
        double expected = (double) (prompts - informative) * requested / Math.max(1, informative);
        return new Selection(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            (int) Math.min(prompts, Math.ceil(expected)));
      }
      List<List<Rollout>> informativeGroups = new ArrayList<>();
      for (List<Rollout> group : kept) {
        if (!rewardsDiffer(group)) {
          group.forEach(r -> filtered.add(DecidedFate.filtered(r, ZERO_VARIANCE)));
        } else if (informativeGroups.size() >= prompts) {
          group.forEach(r -> filtered.add(DecidedFate.filtered(r, SURPLUS)));
        } else {
          informativeGroups.add(group);
        }
      }
      kept = informativeGroups;
    }
    List<Rollout> trained = new ArrayList<>();
    List<Rollout> statisticsOnly = new ArrayList<>();
    for (Rollout r : kept.stream().flatMap(List::stream).toList()) {
      if (pg.overlongFilter() && !r.finished()) {
        statisticsOnly.add(r);
        filtered.add(DecidedFate.filtered(r, OVERLONG));
      } else {
        trained.add(r);
      }
    }
    return new Selection(trained, statisticsOnly, stale, filtered, 0);
  }

  /** Whether a group's rewards are not all equal: whether GRPO gives it any advantage. */
  static boolean rewardsDiffer(List<Rollout> group) {
    return group.stream().mapToDouble(Rollout::reward).distinct().count() > 1;
  }

  /**
   * GFPO's filter (Shrivastava et al. 2025, arXiv 2508.09726): the {@code k} rollouts of a group
   * with the shortest completions, or the highest reward per token, in their sample order (ties to
   * the lower sample index); the rest get FILTERED fates.
   */
  static List<Rollout> gfpo(
      List<Rollout> group, int k, GfpoMetric metric, List<DecidedFate> filtered) {
    Comparator<Rollout> best =
        metric == GfpoMetric.LENGTH
            ? Comparator.comparingInt(Rollout::length)
            : Comparator.comparingDouble((Rollout r) -> -r.reward() / Math.max(1, r.length()));
    Set<String> keep =
        group.stream()
            .sorted(best.thenComparingInt(Rollout::sampleIndex))
            .limit(k)
            .map(Rollout::traceId)
            .collect(Collectors.toSet());
    String reason =
        "gfpo: not among the "
            + k
            + (metric == GfpoMetric.LENGTH ? " shortest" : " highest in reward per token");
    List<Rollout> retained = new ArrayList<>();
    for (Rollout r : group) {
      if (keep.contains(r.traceId())) {
        retained.add(r);
      } else {
        filtered.add(DecidedFate.filtered(r, reason));
      }
    }
    return retained;
  }
}
