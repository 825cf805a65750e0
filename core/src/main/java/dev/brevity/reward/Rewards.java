package dev.brevity.reward;

import dev.brevity.verify.AnswerVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Every reward Brevity offers, by spec name, with its parameters and code version: the one place a
 * spec string becomes a {@link VersionedReward}.
 */
public final class Rewards {

  /**
   * A reward by name: its code version (raised whenever the function's scores change, so that a
   * changed reward gets a new version id), parameters, and how to make it from checked values.
   */
  record Definition(
      String name,
      int codeVersion,
      String source,
      List<Parameter> parameters,
      BiFunction<String, Parameters, Reward> factory) {}

  private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

  static {
    define(
        "correctness",
        2,
        "verifier, ThinkPrune's paper rule for cut traces",
        List.of(),
        (spec, p) -> new CorrectnessReward());
    define(
        "o1-pruner",
        2,
        "O1-Pruner, arXiv 2501.12570",
        List.of(Parameter.number("lambda", "2", "accuracy weight λ"), lenient("true")),
        (spec, p) -> new O1PrunerReward(p.number("lambda"), p.flag("lenient")));
    define(
        "thinkprune",
        1,
        "ThinkPrune, arXiv 2504.01296",
        List.of(Parameter.tokens("limit", null, "token limit L"), lenient("false")),
        (spec, p) -> new ThinkPruneReward(p.tokens("limit"), p.flag("lenient")));
    define(
        "kimi",
        1,
        "Kimi k1.5, arXiv 2501.12599",
        List.of(Parameter.number("weight", "1", "weight w of the length reward")),
        (spec, p) -> new KimiLengthReward(p.number("weight")));
    List<Parameter> l1 =
        List.of(
            Parameter.tokens("target", null, "target length n_gold in tokens"),
            Parameter.number("alpha", "0.0003", "length weight α"));
    define(
        "l1-exact",
        1,
        "L1 (LCPO), arXiv 2503.04697",
        l1,
        (spec, p) -> new L1Reward(true, p.tokens("target"), p.number("alpha")));
    define(
        "l1-max",
        1,
        "L1 (LCPO), arXiv 2503.04697",
        l1,
        (spec, p) -> new L1Reward(false, p.tokens("target"), p.number("alpha")));
    define(
        "dapo-overlong",
        1,
        "DAPO, arXiv 2503.14476",
        List.of(
            Parameter.tokens("max", null, "L_max in tokens"),
            Parameter.tokens("cache", null, "L_cache: the soft-punishment band below L_max"),
            Parameter.number("factor", "1", "weight of the overlong penalty")),
        DapoOverlongReward::new);
    define(
        "sigmoid-length",
        1,
        "Arora & Zanette, arXiv 2502.04463",
        List.of(Parameter.number("alpha", "0.1", "penalty weight α")),
        (spec, p) -> new SigmoidLengthReward(p.number("alpha")));
    define(
        "shorter-better",
        1,
        "ShorterBetter, arXiv 2504.21370",
        List.of(
            Parameter.number("alpha", "2", "correctness weight α"),
            Parameter.number(
                "beta", "0.001", "weight β of the distance to the sample-optimal length")),
        (spec, p) -> new ShorterBetterReward(p.number("alpha"), p.number("beta")));
    define(
        "alp",
        1,
        "ALP, arXiv 2506.05256",
        List.of(
            Parameter.tokens("norm", null, "length normaliser N in tokens (e.g. the token limit)"),
            Parameter.number("beta", "0.5", "global penalty coefficient β")),
        (spec, p) -> new AdaptiveLengthPenaltyReward(p.tokens("norm"), p.number("beta")));
    define(
        "answer-position",
        1,
        "LC-R1, arXiv 2506.14755; APR",
        List.of(Parameter.number("weight", "1", "weight w of the share after the answer")),
        (spec, p) -> new AnswerPositionReward(p.number("weight")));
  }

  private Rewards() {}

  /** {@code lenient}: whether a right answer in a trace cut at the token limit counts. */
  private static Parameter lenient(String defaultValue) {
    return Parameter.flag(
        "lenient", defaultValue, "count a right answer in a cut trace, as the code does");
  }

  private static void define(
      String name,
      int codeVersion,
      String source,
      List<Parameter> parameters,
      BiFunction<String, Parameters, Reward> factory) {
    DEFINITIONS.put(name, new Definition(name, codeVersion, source, parameters, factory));
  }

  /** The reward names, in the order documented. */
  public static List<String> names() {
    return List.copyOf(DEFINITIONS.keySet());
  }

  /**
   * The reward a spec describes.
   *
   * @throws IllegalArgumentException for a malformed spec, an unknown name (listing the valid
   *     ones), an unknown, missing or ill-typed parameter (listing the reward's parameters)
   */
  public static VersionedReward of(String text) {
    RewardSpec spec = RewardSpec.parse(text);
    Definition definition = DEFINITIONS.get(spec.name());
    if (definition == null) {
      throw new IllegalArgumentException(
          "unknown reward '"
              + spec.name()
              + "' in spec '"
              + text
              + "'; valid rewards: "
              + String.join(", ", names()));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String given : spec.parameters().keySet()) {
      if (definition.parameters().stream().noneMatch(p -> p.name().equals(given))) {
        throw new IllegalArgumentException(
            "unknown parameter '"
                + given
                + "' in reward spec '"
                + text
                + "'; "
                + usage(definition));
      }
    }
    for (Parameter parameter : definition.parameters()) {
      String value = spec.parameters().getOrDefault(parameter.name(), parameter.defaultValue());
      if (value == null) {
        throw new IllegalArgumentException(
            "missing parameter '"
                + parameter.name()
                + "' in reward spec '"
                + text
                + "'; "
                + usage(definition));
      }
      values.put(parameter.name(), parameter.canonical(text, value));
    }
    Reward reward = definition.factory().apply(text, new Parameters(values));
    return new VersionedReward(text.strip(), versionId(definition, values), reward);
  }

  /**
   * {@code name(k=v,...)@codeVersion.vVerifier}: every parameter, defaults included, in canonical
   * form, then the reward's code version and the {@link AnswerVerifier#VERSION verifier's}: a
   * changed verifier is a changed reward, so replay shows what the change did.
   */
  private static String versionId(Definition definition, Map<String, String> values) {
    String parameters =
        values.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
    return definition.name()
        + (parameters.isEmpty() ? "" : "(" + parameters + ")")
        + "@"
        + definition.codeVersion()
        + ".v"
        + AnswerVerifier.VERSION;
  }

  private static String usage(Definition definition) {
    if (definition.parameters().isEmpty()) {
      return definition.name() + " takes no parameters";
    }
    return definition.name()
        + " takes "
        + definition.parameters().stream()
            .map(
                p ->
                    p.name()
                        + (p.required() ? " (required)" : " (default " + p.defaultValue() + ")")
                        + ": "
                        + p.meaning())
            .collect(Collectors.joining("; "));
  }
}
