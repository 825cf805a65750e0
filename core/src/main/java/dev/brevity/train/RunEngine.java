package dev.brevity.train;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.Policy;
import dev.brevity.policy.checkpoint.CheckpointFiles;
import dev.brevity.policy.checkpoint.CheckpointStore;
import dev.brevity.policy.checkpoint.DurableFiles;
import dev.brevity.policy.checkpoint.Manifest;
import dev.brevity.run.RunPlan;
import dev.brevity.train.RunDriver.Milestone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run's engine: its {@link RunDriver} (what to request, when a batch is ready, every trace's
 * fate), its {@link PolicyUpdater} (the policy, optimizer and π_ref) and its checkpoint store, and
 * the update protocol between them. {@code brevity train} ({@link LocalRun}, rollouts made in
 * process) and the trainer-service (rollouts from Kafka, each {@link Step} committed in one
 * transaction) are two adapters around this one class, so a run trains the same either way.
 *
 * <p>The protocol of one update: train on the batch; advance the driver; write the checkpoint
 * (weights, optimizer, run state) and publish it to the store; load the next stage's start when the
 * stage ended elsewhere; start the optimizer afresh for a new stage; point π_ref at the version the
 * plan's {@code kl-reference} names. A {@link EngineState} from an earlier commit resumes exactly:
 * the weights and optimizer of its version and its π_ref are loaded back.
 */
public final class RunEngine implements AutoCloseable {

  /**
   * What one piece of work produced: everything an adapter publishes together.
   *
   * @param outcome the driver's outcome: fates, next requests, milestones
   * @param stats the update's statistics, or null when the work was no update
   * @param trainedStage the stage the work was done in
   * @param published the version the update published, or null
   * @param result the run's result (the last stage's chosen version) when the run succeeded, or
   *     null
   * @param staleness per trained rollout: the version trained into minus the version that sampled
   *     it
   */
  public record Step(
      RunDriver.Outcome outcome,
      UpdateStats stats,
      int trainedStage,
      Checkpoint published,
      Checkpoint result,
      List<Integer> staleness) {}

  /**
   * A published policy version.
   *
   * @param sha256 the digest of its manifest, or null where not computed (a run's result)
   */
  public record Checkpoint(long version, URI uri, String sha256) {}

  private final String runId;
  private final RunPlan plan;
  private final Path baseModel;
  private final CheckpointStore store;
  private final Path staging;
  private final Policy policy;
  private final RunDriver driver;
  private final PolicyUpdater updater;

  /**
   * Loads the base model and, for a run resumed from {@code state}, the weights, optimizer and
   * π_ref of that state.
   *
   * @param manager where the policy's tensors live (its device)
   * @param staging a directory for checkpoints being written, before they are published
   */
  public RunEngine(
      String runId,
      RunPlan plan,
      EngineState state,
      Path baseModel,
      NDManager manager,
      CheckpointStore store,
      Path staging) {
    this.runId = runId;
    this.plan = plan;
    this.baseModel = baseModel;
    this.store = store;
    this.staging = staging;
    this.policy = Policy.load(baseModel, manager);
    this.driver = new RunDriver(runId, plan, ProblemPool.of(plan.data()), state);
    this.updater = new PolicyUpdater(policy.model(), loader(0), plan, policy.padId());
    long reference = state.referenceVersion(plan);
    updater.referTo(reference, loader(reference));
    if (state.weightsVersion() > 0) {
      updater.restore(
          checkpointDir(state.weightsVersion()), state.optimizerSteps(), state.freshOptimizer());
    }
  }

  /** The policy being trained, as it is now (for rollouts made in process). */
  public Policy policy() {
    return policy;
  }

  public EngineState state() {
    return driver.state();
  }

  public boolean done() {
    return driver.state().phase() == EngineState.Phase.DONE;
  }

  /** The requests a new run issues first. */
  public List<Request> start() {
    return driver.start();
  }

  /**
   * Takes a scored rollout of this run.
   *
   * @return whether it is held for training (false: it belongs to no open batch, or is a duplicate)
   */
  public boolean offer(Rollout rollout) {
    return driver.offer(rollout);
  }

  /** Does the next piece of work if its rollouts are all in; empty when it waits for more. */
  public Optional<Step> step() {
    Optional<Work> work = driver.work();
    if (work.isEmpty()) {
      return Optional.empty();
    }
    int stage = driver.state().stage();
    if (!(work.get() instanceof Work.Update update)) {
      return Optional.of(new Step(driver.complete(work.get()), null, stage, null, null, List.of()));
    }
    UpdateStats stats = updater.update(update);
    RunDriver.Outcome outcome = driver.complete(update);
    EngineState state = driver.state();
    state.optimizerSteps(updater.optimizer().steps());
    Checkpoint published = publish(outcome.publishedVersion(), state);
    if (outcome.reloadVersion() >= 0) {
      updater.restore(checkpointDir(outcome.reloadVersion()), 0, true);
    }
    if (state.freshOptimizer()) {
      updater.resetOptimizer();
      state.optimizerSteps(0);
    }
    long reference = state.referenceVersion(plan);
    updater.referTo(reference, loader(reference));
    Checkpoint result = null;
    if (outcome.milestones().contains(Milestone.SUCCEEDED)) {
      long version = state.finalVersion();
      result =
          version == published.version() ? published : new Checkpoint(version, uri(version), null);
    }
    List<Integer> staleness =
        update.rollouts().stream()
            .map(r -> (int) (outcome.parentVersion() - r.policyVersion()))
            .toList();
    return Optional.of(new Step(outcome, stats, stage, published, result, staleness));
  }

  /** Where version {@code version} of the run is; version 0 is the base model. */
  public URI uri(long version) {
    return version == 0 ? baseModel.toAbsolutePath().toUri() : store.locate(runId, version);
  }

  /** The directory of a published version, its manifest verified; version 0 is the base model. */
  public Path checkpointDir(long version) {
    return version == 0 ? baseModel : store.open(store.locate(runId, version));
  }

  /** Writes the policy as {@code version}, publishes it to the store, and removes the staging. */
  private Checkpoint publish(long version, EngineState state) {
    Path dir = staging.resolve(runId + "-v" + version);
    deleteTree(dir);
    updater.save(dir, baseModel.resolve(CheckpointFiles.TOKENIZER), state.toJson());
    URI uri = store.publish(dir, runId, version);
    String sha256 = Manifest.sha256Of(dir);
    deleteTree(dir);
    return new Checkpoint(version, uri, sha256);
  }

  /** Loads the weights of {@code version} when π_ref is first needed. */
  private Supplier<LlamaModel> loader(long version) {
    return () -> Policy.loadModel(checkpointDir(version), policy.model().manager());
  }

  private static void deleteTree(Path dir) {
    try {
      DurableFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Override
  public void close() {
    updater.close();
    policy.close();
  }
}
