package dev.brevity.train;

import dev.brevity.run.RunPlan;
import dev.brevity.train.EngineState.Phase;
import dev.brevity.train.RunDriver.Milestone;
import dev.brevity.train.RunDriver.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The schedule of an offline method, behind {@link RunDriver}: once every reference sample is in,
 * the method's data set ({@link MethodRecipe#dataset}), then {@code epochs} passes over it in
 * seeded orders, {@code batch-size} units (rows, or DPO pairs) per update. The last update ends the
 * run and gives every row its TRAINED fate and every unused sample its FILTERED one.
 */
final class OfflineSchedule {

  private final RunPlan plan;
  private final EngineState state;
  private final MethodRecipe recipe;
  private final Supplier<List<List<Rollout>>> referenceSamples;
  private OfflineDataset dataset;

  /**
   * @param referenceSamples each problem's reference samples, in pool order and sample order
   */
  OfflineSchedule(RunPlan plan, EngineState state, Supplier<List<List<Rollout>>> referenceSamples) {
    this.plan = plan;
    this.state = state;
    this.recipe = MethodRecipe.of(plan.method());
    this.referenceSamples = referenceSamples;
  }

  /** Whether the data set is built (the reference samples are then no longer taken). */
  boolean built() {
    return dataset != null;
  }

  /** The data set, built on first use; training begins then. */
  OfflineDataset dataset() {
    if (dataset == null) {
      dataset = recipe.dataset(referenceSamples.get(), plan.offline().rowsPerProblem());
      state.phase = Phase.TRAINING;
    }
    return dataset;
  }

  /** The number of updates the run makes. */
  long updates() {
    return (long) updatesPerEpoch() * plan.offline().epochs();
  }

  private int updatesPerEpoch() {
    int perUpdate = plan.offline().batchSize();
    return Math.max(1, (dataset().units() + perUpdate - 1) / perUpdate);
  }

  /** The run's next update: its position in its epoch's order of units. */
  Work.Update update() {
    OfflineDataset data = dataset();
    int perUpdate = plan.offline().batchSize();
    int updatesPerEpoch = updatesPerEpoch();
    long step = state.updates;
    int epoch = (int) (step / updatesPerEpoch);
    int position = (int) (step % updatesPerEpoch);
    List<Integer> order = data.epochOrder(epoch, plan.data().seed());
    List<Rollout> rows = new ArrayList<>();
    List<Double> advantages = new ArrayList<>();
    for (int u = position * perUpdate;
        u < Math.min(order.size(), (position + 1) * perUpdate);
        u++) {
      int unit = order.get(u);
      for (int k = 0; k < data.unit(); k++) {
        int row = unit * data.unit() + k;
        rows.add(data.rows().get(row));
        if (data.advantages().length > 0) {
          advantages.add(data.advantages()[row]);
        }
      }
    }
    return new Work.Update(
        recipe.objective(),
        advantages.isEmpty() ? Work.Advantage.NONE : Work.Advantage.GIVEN,
        rows,
        advantages.stream().mapToDouble(Double::doubleValue).toArray(),
        List.of());
  }

  /**
   * Advances the run after an update; after the last, ends it with every sample's fate: rows
   * TRAINED at the version their last epoch's update trained, unused samples FILTERED.
   *
   * @param trained the version the update trained
   * @param published the version it produced
   */
  Outcome complete(long trained, long published) {
    List<Milestone> milestones = new ArrayList<>();
    List<DecidedFate> fates = new ArrayList<>();
    if (state.updates >= updates()) {
      OfflineDataset data = dataset();
      int perUpdate = plan.offline().batchSize();
      long updatesPerEpoch = updates() / plan.offline().epochs();
      List<Integer> lastOrder = data.epochOrder(plan.offline().epochs() - 1, plan.data().seed());
      long firstOfLastEpoch = (plan.offline().epochs() - 1) * updatesPerEpoch;
      for (int position = 0; position < lastOrder.size(); position++) {
        long atVersion = firstOfLastEpoch + position / perUpdate; // the version that update trained
        int unit = lastOrder.get(position);
        for (int k = 0; k < data.unit(); k++) {
          fates.add(DecidedFate.trained(data.rows().get(unit * data.unit() + k), atVersion));
        }
      }
      data.unused().forEach(r -> fates.add(DecidedFate.filtered(r, recipe.unusedReason())));
      state.phase = Phase.DONE;
      state.finalVersion = published;
      milestones.add(Milestone.SUCCEEDED);
    }
    return new Outcome(published, trained, fates, List.of(), milestones, -1);
  }
}
