package dev.brevity.train;

import dev.brevity.run.RunMethod;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What each {@link RunMethod} trains with: the objective its updates minimise, how its advantages
 * come from rewards, and for an offline method the data set it builds from the reference samples
 * and the fate's reason for the samples that data set leaves out. The run driver, the updater and
 * the benchmarks read a method's choices here instead of deciding them per method.
 */
public enum MethodRecipe {
  O1_PRUNER(
      RunMethod.O1_PRUNER,
      Work.Objective.SEQUENCE_CLIP_VS_REFERENCE,
      Work.Advantage.GIVEN,
      new Offline(
          OfflineDataset::o1Pruner,
          "reference sample not drawn as a training row: statistics only")),
  O1_PRUNER_ONLINE(
      RunMethod.O1_PRUNER_ONLINE, Work.Objective.TOKEN_CLIP, Work.Advantage.BATCH, null),
  THINKPRUNE(RunMethod.THINKPRUNE, Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP, null),
  GRPO(RunMethod.GRPO, Work.Objective.TOKEN_CLIP, Work.Advantage.GROUP, null),
  PPO(RunMethod.PPO, Work.Objective.TOKEN_CLIP, Work.Advantage.GAE, null),
  SFT_SHORTEST(
      RunMethod.SFT_SHORTEST,
      Work.Objective.SFT,
      Work.Advantage.NONE,
      new Offline(OfflineDataset::sftShortest, "not among the shortest correct reference samples")),
  DPO(
      RunMethod.DPO,
      Work.Objective.DPO,
      Work.Advantage.NONE,
      new Offline(
          (byProblem, rowsPerProblem) -> OfflineDataset.dpo(byProblem),
          "not the shortest or longest correct reference sample"));

  /** Builds an offline method's data set from the reference samples. */
  @FunctionalInterface
  public interface DatasetBuilder {

    /**
     * @param byProblem each problem's reference samples, in pool order and sample order
     * @param rowsPerProblem the plan's {@code rows-per-problem}
     */
    OfflineDataset build(List<List<Rollout>> byProblem, int rowsPerProblem);
  }

  /**
   * What an offline method trains on: the data set it builds from the reference samples, and the
   * fate's reason for the samples that data set leaves out.
   */
  private record Offline(DatasetBuilder dataset, String unusedReason) {}

  private static final Map<RunMethod, MethodRecipe> BY_METHOD = new EnumMap<>(RunMethod.class);

  static {
    for (MethodRecipe recipe : values()) {
      BY_METHOD.put(recipe.method, recipe);
    }
  }

  private final RunMethod method;
  private final Work.Objective objective;
  private final Work.Advantage advantage;
  private final Offline offline;

  /**
   * @param offline null for an online method
   */
  MethodRecipe(
      RunMethod method, Work.Objective objective, Work.Advantage advantage, Offline offline) {
    this.method = method;
    this.objective = objective;
    this.advantage = advantage;
    this.offline = offline;
  }

  /** The recipe of a method. */
  public static MethodRecipe of(RunMethod method) {
    MethodRecipe recipe = BY_METHOD.get(method);
    if (recipe == null) {
      throw new IllegalStateException("no training recipe for method " + method.id());
    }
    return recipe;
  }

  public RunMethod method() {
    return method;
  }

  /** The loss the method's updates minimise. */
  public Work.Objective objective() {
    return objective;
  }

  /**
   * How the method's advantages come from rewards; an offline update's are GIVEN with its rows
   * (O1-Pruner's data-set z-scores) or NONE.
   */
  public Work.Advantage advantage() {
    return advantage;
  }

  /** Whether the method trains a value head (classic PPO's critic, for GAE). */
  public boolean critic() {
    return advantage == Work.Advantage.GAE;
  }

  /**
   * The offline method's data set of the reference samples.
   *
   * @throws IllegalStateException for an online method, which builds none
   */
  public OfflineDataset dataset(List<List<Rollout>> byProblem, int rowsPerProblem) {
    return offline().dataset().build(byProblem, rowsPerProblem);
  }

  /** Why the reference samples the offline method's data set leaves out were not trained on. */
  public String unusedReason() {
    return offline().unusedReason();
  }

  private Offline offline() {
    if (offline == null) {
      throw new IllegalStateException(method.id() + " is online: it builds no data set");
    }
    return offline;
  }
}
