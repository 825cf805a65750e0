package dev.brevity.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brevity.reward.RewardSpec;
import dev.brevity.reward.Rewards;
import dev.brevity.run.RunPlan.Aggregation;
import dev.brevity.run.RunPlan.CheckpointRule;
import dev.brevity.run.RunPlan.Data;
import dev.brevity.run.RunPlan.ImportanceSampling;
import dev.brevity.run.RunPlan.KlMode;
import dev.brevity.run.RunPlan.KlReference;
import dev.brevity.run.RunPlan.Objective;
import dev.brevity.run.RunPlan.Offline;
import dev.brevity.run.RunPlan.Optimizer;
import dev.brevity.run.RunPlan.Sampling;
import dev.brevity.run.RunPlan.Schedule;
import dev.brevity.task.LimitStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run configuration's YAML into a {@link RunPlan}, checking every key: an unknown key, a
 * value out of range, a key the method would ignore, or a combination that cannot work fails with a
 * message naming the key and what it accepts.
 */
final class RunPlanParser {

  private RunPlanParser() {}

  /**
   * The number each stage's prompts state: the stage's token limit, or for L1's statements the
   * target of the stage's reward (which must then be an L1 reward).
   */
  private static List<Integer> statedTokens(
      ConfigReader read, LimitStatement statement, List<String> specs, List<Integer> limits) {
    if (!statement.statesTarget()) {
      return limits;
    }
    List<Integer> targets = new ArrayList<>();
    for (String spec : specs) {
      String target = RewardSpec.parse(spec).parameters().get("target");
      if (target == null) {
        throw read.invalid(
            "state-limit",
            "is "
                + statement.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + ", which states the reward's target length, but reward "
                + spec
                + " has no target (use l1-exact or l1-max)");
      }
      targets.add(Integer.parseInt(target));
    }
    return targets;
  }

  /** Dual-clip's c: verl's default 3, 0 for none, else above 1. */
  private static double clipRatioC(ConfigReader read) {
    double c = read.number("clip-ratio-c", 3.0, 0, 1e6);
    if (c != 0 && c <= 1) {
      throw read.invalid("clip-ratio-c", "is " + c + "; it must be above 1 (or 0 for none)");
    }
    return c;
  }

  /** The keys of the token-level PPO-clip objective of the online methods. */
  private static final List<String> TOKEN_CLIP_KEYS =
      List.of(
          "clip-low",
          "clip-high",
          "clip-ratio-c",
          "aggregation",
          "kl-coef",
          "kl-estimator",
          "kl-mode",
          "entropy-coef",
          "bessel",
          "norm-adv-by-std",
          "ppo-epochs",
          "minibatches",
          "importance-sampling",
          "importance-cap",
          "advantage",
          "scale-rewards",
          "ratio",
          "overlong-filter",
          "dynamic-sampling",
          "max-sampling-rounds",
          "gfpo-keep",
          "gfpo-metric");

  /**
   * Reads and checks a run configuration.
   *
   * @param methodId the method of the RunRequested event
   * @throws IllegalArgumentException naming the bad key and its valid values
   */
  static RunPlan parse(String methodId, String configYaml) {
    RunMethod method = RunMethod.fromId(methodId);
    JsonNode root = RunConfigs.tree(configYaml);
    ConfigReader read = new ConfigReader(root, "run configuration (" + method.id() + ")");
    String declared = read.text("method", method.id());
    if (!declared.equals(method.id())) {
      throw read.invalid("method", "is '" + declared + "' but the run asks for " + method.id());
    }
    List<String> specs = rewards(method, read, configYaml);

    String dataset = read.text("dataset", "arith");
    Data data =
        new Data(
            dataset,
            read.integer("per-level", 16, 1, 100_000),
            read.integer("problem-seed", 1, 0, Integer.MAX_VALUE));

    List<Integer> limits = new ArrayList<>();
    if (method == RunMethod.THINKPRUNE) {
      for (String spec : specs) {
        limits.add(Integer.parseInt(RewardSpec.parse(spec).parameters().get("limit")));
      }
    } else {
      limits.add(read.integer("max-new-tokens", 512, 1, 1 << 20));
    }
    boolean online = method.shape() == RunMethod.Shape.ONLINE;
    if (!online) {
      read.refuse("state-limit", method.id() + " samples the reference with the plain prompt");
    }
    LimitStatement statedLimit =
        LimitStatement.valueOf(
            enumName(read.choice("state-limit", "none", kebab(LimitStatement.values()))));
    Sampling sampling =
        new Sampling(
            online ? read.integer("samples", 8, 1, 1024) : 1,
            online ? read.integer("prompts-per-step", 8, 1, 100_000) : 1,
            online ? read.number("temperature", 1.0, 0, 10) : 1.0,
            read.number("top-p", 1.0, 0.01, 1.0),
            limits,
            statedLimit,
            statedTokens(read, statedLimit, specs, limits));

    Optimizer optimizer =
        new Optimizer(
            read.number("learning-rate", 1e-5, 0, 1),
            read.integer("warmup-steps", 0, 0, 1_000_000),
            read.number("weight-decay", 0.0, 0, 1),
            read.number("grad-clip", 1.0, 0, 1e6));

    if (!online) {
      String why =
          method.id()
              + " trains offline on reference samples, without token-level PPO-clip, KL or"
              + " entropy terms";
      TOKEN_CLIP_KEYS.forEach(key -> read.refuse(key, why));
      read.refuse("kl-reference", method.id() + " has one stage: π_ref is the base model");
      if (method != RunMethod.O1_PRUNER) {
        read.refuse("clip", method.id() + " has no clipped ratio");
      }
    }
    double clip = read.number("clip", 0.2, 0, 10);
    // Dr. GRPO drops both of GRPO's length-dependent normalisers: the std, and the token mean
    PolicyGradient policyGradient = PolicyGradient.read(read, method, sampling.samples());
    boolean normAdvByStd = policyGradient.normAdvByStd();
    Objective objective =
        new Objective(
            read.number("clip-low", clip, 0, 1),
            read.number("clip-high", clip, 0, 10),
            clipRatioC(read),
            Aggregation.valueOf(
                enumName(
                    read.choice(
                        "aggregation",
                        policyGradient.ratio() == PolicyGradient.Ratio.SEQUENCE
                            ? "sequence-mean" // GSPO's, as verl forces it
                            : normAdvByStd ? "token-mean" : "seq-mean-token-sum-norm",
                        kebab(Aggregation.values())))),
            read.number("kl-coef", 0.0, 0, 100),
            read.choice("kl-estimator", "k3", List.of("k1", "k3")),
            KlMode.valueOf(enumName(read.choice("kl-mode", "loss", kebab(KlMode.values())))),
            KlReference.valueOf(
                enumName(read.choice("kl-reference", "stage-start", kebab(KlReference.values())))),
            read.number("entropy-coef", 0.0, 0, 100),
            read.flag("bessel", true),
            normAdvByStd,
            read.integer("ppo-epochs", 1, 1, 100),
            read.integer("minibatches", 1, 1, 10_000),
            read.integer("micro-batch", 16, 1, 10_000),
            ImportanceSampling.valueOf(
                enumName(
                    read.choice(
                        "importance-sampling", "none", kebab(ImportanceSampling.values())))),
            read.number("importance-cap", 2.0, 1, 1e6),
            method == RunMethod.DPO ? read.number("dpo-beta", 0.1, 1e-6, 100) : 0.1,
            method == RunMethod.PPO ? read.number("gae-gamma", 1.0, 0, 1) : 1.0,
            method == RunMethod.PPO ? read.number("gae-lambda", 0.95, 0, 1) : 0.95,
            method == RunMethod.PPO ? read.number("value-coef", 0.5, 0, 100) : 0.5);

    if (objective.klCoef() > 0
        && objective.klEstimator().equals("k1")
        && objective.klMode() == KlMode.LOSS) {
      throw read.invalid(
          "kl-estimator",
          "is k1 with kl-mode: loss, a term whose gradient is zero in expectation (the mean of"
              + " ∇log π_θ over samples of π_θ is 0), so it would add only noise; use k3, or"
              + " kl-mode: reward");
    }

    Schedule schedule =
        new Schedule(
            online ? read.integer("steps-per-stage", 10, 1, 1_000_000) : 0,
            online ? read.integer("max-staleness", 0, 0, 64) : 0,
            method == RunMethod.THINKPRUNE
                ? CheckpointRule.valueOf(
                    enumName(
                        read.choice("checkpoint-rule", "last", kebab(CheckpointRule.values()))))
                : CheckpointRule.LAST,
            method == RunMethod.THINKPRUNE ? read.number("accuracy-drop", 0.1, 0, 1) : 0.1);

    boolean reference = method.needsReferenceSamples();
    Offline offline =
        new Offline(
            reference ? read.integer("reference-samples", 8, 1, 1024) : 0,
            reference ? read.number("reference-temperature", 0.5, 0, 10) : 0,
            method.shape() == RunMethod.Shape.OFFLINE
                ? read.integer("rows-per-problem", 2, 1, 1024)
                : 0,
            method.shape() == RunMethod.Shape.OFFLINE ? read.integer("epochs", 1, 1, 1000) : 0,
            method.shape() == RunMethod.Shape.OFFLINE
                ? read.integer("batch-size", 16, 1, 100_000)
                : 0);
    read.rejectUnread();
    if (offline.rowsPerProblem() > offline.referenceSamples()) {
      throw read.invalid(
          "rows-per-problem",
          "is "
              + offline.rowsPerProblem()
              + " but only reference-samples="
              + offline.referenceSamples()
              + " are drawn per problem");
    }
    if (method == RunMethod.DPO && offline.referenceSamples() < 2) {
      throw read.invalid("reference-samples", "must be at least 2 for dpo (a pair per problem)");
    }
    return new RunPlan(
        method, specs, data, sampling, optimizer, objective, schedule, offline, policyGradient);
  }

  private static List<String> rewards(RunMethod method, ConfigReader read, String configYaml) {
    read.allow(RunConfigs.REWARD);
    List<String> specs = new ArrayList<>(RunConfigs.rewardSpecs(configYaml));
    String example =
        switch (method) {
          case THINKPRUNE -> "[thinkprune(limit=384), thinkprune(limit=256)], one limit per stage";
          case O1_PRUNER, O1_PRUNER_ONLINE -> "o1-pruner(lambda=2)";
          default -> "correctness";
        };
    if (specs.isEmpty()) {
      if (method == RunMethod.SFT_SHORTEST || method == RunMethod.DPO) {
        specs.add("correctness"); // the baselines use only verdicts and lengths
      } else {
        throw read.invalid(RunConfigs.REWARD, "is required, e.g. reward: " + example);
      }
    }
    for (String spec : specs) {
      try {
        Rewards.of(spec);
      } catch (IllegalArgumentException e) {
        throw read.invalid(RunConfigs.REWARD, "has a bad spec: " + e.getMessage());
      }
      String name = RewardSpec.parse(spec).name();
      boolean fits =
          switch (method) {
            case THINKPRUNE -> name.equals("thinkprune");
            case O1_PRUNER, O1_PRUNER_ONLINE -> name.equals("o1-pruner");
            default -> true;
          };
      if (!fits) {
        throw read.invalid(
            RunConfigs.REWARD, "is " + spec + "; " + method.id() + " needs reward: " + example);
      }
    }
    if (specs.size() > 1 && method.shape() == RunMethod.Shape.OFFLINE
        || specs.size() > 1 && method == RunMethod.O1_PRUNER_ONLINE) {
      throw read.invalid(RunConfigs.REWARD, "must be one spec: " + method.id() + " has one stage");
    }
    return List.copyOf(specs);
  }

  static List<String> kebab(Enum<?>[] values) {
    List<String> names = new ArrayList<>();
    for (Enum<?> value : values) {
      names.add(value.name().toLowerCase().replace('_', '-'));
    }
    return names;
  }

  static String enumName(String kebab) {
    return kebab.toUpperCase().replace('-', '_');
  }
}
