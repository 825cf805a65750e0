package dev.brevity.train;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.run.RunPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole run in one process, without Kafka: the {@link RunEngine} the trainer-service runs, fed by
 * {@link InProcessRollouts} in place of the sampler and reward services. For experiments and the
 * learning tests; the services add durability and scale, not different results (the parity test
 * holds them equal). Checkpoints go to a file checkpoint store under {@code out}.
 */
public final class LocalRun {

  /** What a progress display receives after every update. */
  public record Progress(long version, int stage, UpdateStats stats, EngineState state) {}

  /**
   * Where a finished run left its policy.
   *
   * @param fates every trace's fate, in the order they were decided
   */
  public record Result(
      long finalVersion, Path finalCheckpoint, List<Progress> updates, List<DecidedFate> fates) {}

  private final String runId;
  private final RunPlan plan;
  private final Path baseModel;
  private final Path out;
  private final int generationBatch;

  /**
   * @param generationBatch sequences generated together (memory and speed only; results equal)
   */
  public LocalRun(String runId, RunPlan plan, Path baseModel, Path out, int generationBatch) {
    this.runId = runId;
    this.plan = plan;
    this.baseModel = baseModel;
    this.out = out;
    this.generationBatch = generationBatch;
  }

  public Result run(Consumer<Progress> progress) {
    FileCheckpointStore store = new FileCheckpointStore(out.resolve("checkpoints"));
    List<Progress> updates = new ArrayList<>();
    List<DecidedFate> fates = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager();
        RunEngine engine =
            new RunEngine(
                runId,
                plan,
                RunDriver.initialState(plan),
                baseModel,
                manager,
                store,
                out.resolve("staging"))) {
      InProcessRollouts rollouts = new InProcessRollouts(engine.policy(), plan, generationBatch);
      List<Request> pending = new ArrayList<>(engine.start());
      while (!engine.done()) {
        rollouts.produce(pending).forEach(engine::offer);
        pending.clear();
        var step = engine.step();
        if (step.isEmpty()) {
          throw new IllegalStateException("run stalled: no work after all requests were served");
        }
        while (step.isPresent()) {
          if (step.get().published() != null) {
            Progress p =
                new Progress(
                    step.get().published().version(),
                    step.get().trainedStage(),
                    step.get().stats(),
                    EngineState.fromJson(engine.state().toJson()));
            updates.add(p);
            progress.accept(p);
          }
          fates.addAll(step.get().outcome().fates());
          pending.addAll(step.get().outcome().requests());
          step = engine.step();
        }
      }
      long finalVersion = engine.state().finalVersion();
      return new Result(finalVersion, engine.checkpointDir(finalVersion), updates, fates);
    }
  }
}
