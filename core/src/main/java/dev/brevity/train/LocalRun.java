package dev.brevity.train;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generation;
import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.policy.checkpoint.CheckpointFiles;
import dev.brevity.policy.checkpoint.DurableFiles;
import dev.brevity.policy.checkpoint.FileCheckpointStore;
import dev.brevity.reward.Attempt;
import dev.brevity.reward.ReferenceStatistics;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.run.RunPlan;
import dev.brevity.task.Prompts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A whole run in one process, without Kafka: the same run driver, rewards and updater as the
 * services, with the sampler and reward-service replaced by direct calls. For experiments and the
 * learning tests; the services add durability and scale, not different results. Checkpoints go to a
 * file checkpoint store under {@code out}.
 */
public final class LocalRun {

  /** What a progress display receives after every update. */
  public record Progress(long version, int stage, UpdateStats stats, RunState state) {}

  /** Where a finished run left its policy. */
  public record Result(long finalVersion, Path finalCheckpoint, List<Progress> updates) {}

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
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(baseModel, manager)) {
      ProblemPool pool = ProblemPool.of(plan.data());
      RunDriver driver = new RunDriver(runId, plan, pool, RunDriver.initialState(plan));
      Map<String, ReferenceStatistics> referenceStats = new HashMap<>();
      Map<Long, URI> published = new HashMap<>();
      LongFunction<Path> checkpoint = // a published version's directory; 0 is the base model
          version -> version == 0 ? baseModel : store.open(published.get(version));
      Path tokenizerJson = baseModel.resolve(CheckpointFiles.TOKENIZER);
      try (PolicyUpdater updater =
          new PolicyUpdater(
              policy.model(), () -> Policy.loadModel(baseModel, manager), plan, policy.padId())) {
        List<Request> pending = new ArrayList<>(driver.start());
        while (driver.state().phase() != RunState.Phase.DONE) {
          for (Rollout rollout : sample(policy, pending, referenceStats)) {
            driver.offer(rollout);
          }
          pending.clear();
          var work = driver.work();
          if (work.isEmpty()) {
            throw new IllegalStateException("run stalled: no work after all requests were served");
          }
          while (work.isPresent()) {
            RunDriver.Outcome outcome;
            if (work.get() instanceof Work.Update update) {
              int stage = driver.state().stage();
              UpdateStats stats = updater.update(update);
              RunState next = driver.state();
              outcome = driver.complete(update);
              Path staged = out.resolve("staging");
              deleteTree(staged);
              updater.save(staged, tokenizerJson, next.toJson());
              published.put(
                  outcome.publishedVersion(),
                  store.publish(staged, runId, outcome.publishedVersion()));
              Progress p =
                  new Progress(
                      outcome.publishedVersion(), stage, stats, RunState.fromJson(next.toJson()));
              updates.add(p);
              progress.accept(p);
              if (outcome.reloadVersion() >= 0) {
                updater.restore(checkpoint.apply(outcome.reloadVersion()), 0, true);
              }
              if (driver.state().freshOptimizer()) {
                updater.resetOptimizer();
              }
              long reference = driver.state().referenceVersion(plan);
              updater.referTo(
                  reference, () -> Policy.loadModel(checkpoint.apply(reference), manager));
            } else {
              outcome = driver.complete(work.get());
            }
            pending.addAll(outcome.requests());
            work = driver.work();
          }
        }
      }
      long finalVersion = driver.state().finalVersion();
      return new Result(finalVersion, checkpoint.apply(finalVersion), updates);
    }
  }

  /** Generates and scores every sample the requests ask for, as sampler and reward-service do. */
  private List<Rollout> sample(
      Policy policy, List<Request> requests, Map<String, ReferenceStatistics> referenceStats) {
    Generator generator = policy.generator();
    List<int[]> prompts = new ArrayList<>();
    List<SamplingConfig> configs = new ArrayList<>();
    List<Request> owners = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (Request request : requests) {
      int[] prompt = policy.tokenizer().encode(Prompts.of(request.problem()));
      for (int i = 0; i < request.samples(); i++) {
        prompts.add(prompt);
        configs.add(
            new SamplingConfig(
                (float) request.temperature(),
                (float) request.topP(),
                0,
                request.maxNewTokens(),
                request.seed() + i));
        owners.add(request);
        indices.add(i);
      }
    }
    List<Generation> generations = new ArrayList<>();
    for (int start = 0; start < prompts.size(); start += generationBatch) {
      int end = Math.min(prompts.size(), start + generationBatch);
      generations.addAll(
          generator.generateEach(prompts.subList(start, end), configs.subList(start, end)));
    }
    // group by request, judge, score (reference groups first publish their statistics)
    Map<Request, List<Integer>> groups = new java.util.LinkedHashMap<>();
    for (int k = 0; k < owners.size(); k++) {
      groups.computeIfAbsent(owners.get(k), r -> new ArrayList<>()).add(k);
    }
    List<Rollout> rollouts = new ArrayList<>();
    for (var group : groups.entrySet()) {
      Request request = group.getKey();
      VersionedReward reward =
          Rewards.of(
              plan.rewardSpecs().get(Math.min(request.stage(), plan.rewardSpecs().size() - 1)));
      List<Attempt> attempts = new ArrayList<>();
      for (int k : group.getValue()) {
        Generation g = generations.get(k);
        attempts.add(
            Attempt.judge(
                g.text(),
                request.problem().answer(),
                g.tokens().length,
                g.finishReason() == Generation.FinishReason.EOS));
      }
      if (request.reference()) {
        referenceStats.put(request.problem().id(), ReferenceStatistics.of(attempts));
      }
      ReferenceStatistics stats = referenceStats.get(request.problem().id());
      if (reward.reward().needsReference() && stats == null) {
        throw new IllegalStateException(
            "reward " + reward.spec() + " needs reference statistics of " + request.problem().id());
      }
      for (int j = 0; j < attempts.size(); j++) {
        int k = group.getValue().get(j);
        Generation g = generations.get(k);
        Attempt attempt = attempts.get(j);
        rollouts.add(
            new Rollout(
                request.requestId() + "/" + indices.get(k),
                request.requestId(),
                request.problem().id(),
                request.problem().difficulty(),
                indices.get(k),
                request.policyVersion(),
                request.stage(),
                request.reference(),
                prompts.get(k),
                g.tokens(),
                g.logProbs(),
                attempt.finished(),
                reward.score(attempt, attempts, stats).reward(),
                attempt.correct()));
      }
    }
    return rollouts;
  }

  private static void deleteTree(Path dir) {
    try {
      DurableFiles.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
