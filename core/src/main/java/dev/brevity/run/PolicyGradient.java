package dev.brevity.run;

import java.util.List;
import java.util.Set;

/**
 * The online policy-gradient choices that verl and TRL users tune, read with {@link RunPlan}: the
 * advantage estimator, how group-centred advantages are scaled, the ratio of the clipped loss, and
 * which rollouts an update trains on. Their defaults are GRPO as Brevity ran it before they
 * existed.
 *
 * @param advantage how a group's rewards become advantages
 * @param scaleRewards what a GRPO advantage r − mean_G r is divided by
 * @param ratio the importance ratio of the clipped loss: per token, or GSPO's per sequence
 * @param overlongFilter rollouts cut at the token limit leave the loss (DAPO's overlong filtering)
 * @param dynamicSampling groups whose rewards are all equal are dropped and replaced by new prompts
 *     (DAPO's dynamic sampling, verl's {@code filter_groups})
 * @param maxSamplingRounds rounds of requests a batch may take with dynamic sampling, the first
 *     included (verl's {@code max_num_gen_batches})
 * @param gfpoKeep GFPO's k: the rollouts kept per group for the loss; 0 keeps them all
 * @param gfpoMetric what GFPO keeps the k best of
 */
public record PolicyGradient(
    Estimator advantage,
    ScaleRewards scaleRewards,
    Ratio ratio,
    boolean overlongFilter,
    boolean dynamicSampling,
    int maxSamplingRounds,
    int gfpoKeep,
    GfpoMetric gfpoMetric) {

  /** The methods whose advantages are taken within each prompt's group (MethodRecipe's GROUP). */
  private static final Set<RunMethod> GROUP_METHODS = Set.of(RunMethod.GRPO, RunMethod.THINKPRUNE);

  /** How a group's rewards become advantages (verl's {@code algorithm.adv_estimator}). */
  public enum Estimator {
    /** GRPO: (r − mean_G r) / std, scaled as {@code scale-rewards} says. */
    GRPO,
    /** RLOO: r_i minus the mean of the group's other rewards. */
    RLOO,
    /** REINFORCE++: the return (here the reward), whitened over the batch's tokens. */
    REINFORCE_PLUS_PLUS,
    /** REINFORCE++-baseline: r − mean_G r, whitened over the batch's tokens. */
    REINFORCE_PLUS_PLUS_BASELINE
  }

  /** What GRPO's centred advantage is divided by (TRL's {@code scale_rewards}). */
  public enum ScaleRewards {
    /** The std of the prompt's group (GRPO; {@code norm-adv-by-std: true}). */
    GROUP,
    /** The std of the whole batch's rewards (TRL's {@code batch}, DLER). */
    BATCH,
    /** Nothing (Dr. GRPO; {@code norm-adv-by-std: false}). */
    NONE
  }

  /** The importance ratio of the clipped loss. */
  public enum Ratio {
    /** ρ_t = π_θ(y_t) / π_old(y_t) per token (PPO, GRPO). */
    TOKEN,
    /** GSPO's s_i = exp(mean_t log ρ_t) per sequence, in its token form. */
    SEQUENCE
  }

  /** What GFPO's filter ranks a group's rollouts by. */
  public enum GfpoMetric {
    /** The shortest completions. */
    LENGTH,
    /** The highest reward per completion token (GFPO's token efficiency). */
    REWARD_PER_TOKEN
  }

  /** GRPO with token ratios, every rollout trained on: what a plan without these keys means. */
  public static PolicyGradient defaults() {
    return new PolicyGradient(
        Estimator.GRPO, ScaleRewards.GROUP, Ratio.TOKEN, false, false, 1, 0, GfpoMetric.LENGTH);
  }

  /** Whether GRPO's advantage is divided by a std (group or batch): verl's norm_adv_by_std. */
  public boolean normAdvByStd() {
    return scaleRewards != ScaleRewards.NONE;
  }

  /** Whether a method's advantages are taken within each prompt's group of samples. */
  public static boolean groupAdvantages(RunMethod method) {
    return GROUP_METHODS.contains(method);
  }

  /**
   * Reads the keys, and {@code norm-adv-by-std}, which {@code scale-rewards} generalises: {@code
   * true} is {@code group}, {@code false} is {@code none}; both may be given only when they agree.
   * Keys a method would ignore are refused.
   */
  static PolicyGradient read(ConfigReader read, RunMethod method, int samples) {
    boolean group = groupAdvantages(method);
    if (!group) {
      String why = method.id() + "'s advantages are not taken within prompt groups";
      for (String key :
          List.of(
              "advantage",
              "scale-rewards",
              "dynamic-sampling",
              "max-sampling-rounds",
              "gfpo-keep",
              "gfpo-metric")) {
        read.refuse(key, why);
      }
    }
    Estimator advantage = choice(read, "advantage", Estimator.GRPO, Estimator.class);
    boolean stdGiven = read.has("norm-adv-by-std");
    boolean normAdvByStd = read.flag("norm-adv-by-std", true);
    if (advantage != Estimator.GRPO) {
      String why =
          "advantage: " + kebab(advantage) + " is computed as verl does, without GRPO's std";
      for (String key : List.of("scale-rewards", "norm-adv-by-std", "bessel")) {
        read.refuse(key, why);
      }
    }
    ScaleRewards scale =
        choice(
            read,
            "scale-rewards",
            normAdvByStd ? ScaleRewards.GROUP : ScaleRewards.NONE,
            ScaleRewards.class);
    if (stdGiven && normAdvByStd != (scale != ScaleRewards.NONE)) {
      throw read.invalid(
          "scale-rewards",
          "is "
              + kebab(scale)
              + " but norm-adv-by-std is "
              + normAdvByStd
              + "; give one of them (norm-adv-by-std: true is scale-rewards: group, false is none)");
    }
    boolean dynamicSampling = read.flag("dynamic-sampling", false);
    if (dynamicSampling && samples < 2) {
      throw read.invalid(
          "dynamic-sampling",
          "needs samples of at least 2: a group of one never differs in reward");
    }
    if (!dynamicSampling) {
      read.refuse("max-sampling-rounds", "it bounds dynamic-sampling: true");
    }
    int rounds = dynamicSampling ? read.integer("max-sampling-rounds", 4, 1, 1000) : 1;
    int keep = read.integer("gfpo-keep", 0, 0, 1024);
    if (keep == 1 || keep >= samples && keep > 0) {
      throw read.invalid(
          "gfpo-keep",
          "is "
              + keep
              + "; it must be 0 (off) or from 2 to samples − 1 = "
              + (samples - 1)
              + " (a group of one has no advantage)");
    }
    if (keep == 0) {
      read.refuse("gfpo-metric", "it ranks what gfpo-keep: k keeps; gfpo-keep is 0");
    }
    GfpoMetric metric = choice(read, "gfpo-metric", GfpoMetric.LENGTH, GfpoMetric.class);
    return new PolicyGradient(
        advantage,
        scale,
        choice(read, "ratio", Ratio.TOKEN, Ratio.class),
        read.flag("overlong-filter", false),
        dynamicSampling,
        rounds,
        keep,
        metric);
  }

  private static String kebab(Enum<?> value) {
    return RunPlanParser.kebab(new Enum<?>[] {value}).get(0);
  }

  private static <E extends Enum<E>> E choice(
      ConfigReader read, String key, E fallback, Class<E> type) {
    return Enum.valueOf(
        type,
        RunPlanParser.enumName(
            read.choice(key, kebab(fallback), RunPlanParser.kebab(type.getEnumConstants()))));
  }
}
