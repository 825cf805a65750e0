package dev.brevity.cli.bench;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Policy;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.run.RunConfigs;
import dev.brevity.run.RunMethod;
import dev.brevity.run.RunPlan;
import dev.brevity.train.InProcessRollouts;
import dev.brevity.train.MethodRecipe;
import dev.brevity.train.PolicyUpdater;
import dev.brevity.train.ProblemPool;
import dev.brevity.train.Request;
import dev.brevity.train.Rollout;
import dev.brevity.train.RunDriver;
import dev.brevity.train.UpdateStats;
import dev.brevity.train.Work;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Section 2, training: the speed of one real PPO-clip update ({@link PolicyUpdater#update}) of the
 * run configuration's method and objective, and its CPU model-FLOPs utilisation.
 *
 * <p>The rollouts are real: one step's worth (prompts-per-step × samples) of the configuration's
 * first training problems, sampled once from the checkpoint at its temperature and first-stage
 * token limit, judged and rewarded by its first-stage reward. Each repeat then times one update on
 * them (after one warm-up update) and, side by side, the float32 matmul speed of the same machine
 * ({@link MatmulPeak}); the MFU is the update's achieved GFLOP/s ({@link UpdateFlops}) over that.
 */
public final class TrainingBench implements BenchSection {

  @Override
  public String name() {
    return "training";
  }

  @Override
  public List<BenchRow> run(BenchOptions options) throws Exception {
    String yaml = Files.readString(options.runConfig());
    String methodId = RunConfigs.method(yaml);
    RunPlan plan = RunPlan.parse(methodId, yaml);
    if (plan.method().shape() != RunMethod.Shape.ONLINE) {
      throw new IllegalArgumentException(
          options.runConfig() + ": the training benchmark times online methods, not " + methodId);
    }
    int repeats = options.repeats();
    double[] tokensPerSecond = new double[repeats];
    double[] seconds = new double[repeats];
    double[] achieved = new double[repeats];
    double[] peak = new double[repeats];
    double[] mfu = new double[repeats];
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(options.checkpoint(), manager)) {
      System.err.printf(
          "bench training: sampling %d rollouts%n",
          plan.sampling().promptsPerStep() * plan.sampling().samples());
      List<Rollout> rollouts = rollouts(policy, plan);
      MethodRecipe recipe = MethodRecipe.of(plan.method());
      Work.Update work =
          new Work.Update(
              recipe.objective(), recipe.advantage(), rollouts, new double[0], List.of());
      List<Integer> lengths = rollouts.stream().map(r -> r.prompt().length + r.length()).toList();
      boolean critic = recipe.critic();
      int passes = 1 + (plan.objective().klCoef() > 0 ? 1 : 0) + (critic ? 1 : 0);
      double flops =
          UpdateFlops.update(
              policy.model().config(), lengths, plan.objective().ppoEpochs(), passes);
      try (PolicyUpdater updater =
          new PolicyUpdater(
              policy.model(),
              () -> Policy.loadModel(options.checkpoint(), manager),
              plan,
              policy.padId())) {
        System.err.println("bench training: warm-up update");
        updater.update(work);
        for (int r = 0; r < repeats; r++) {
          System.err.printf("bench training: repeat %d/%d%n", r + 1, repeats);
          peak[r] = MatmulPeak.gflops(manager);
          UpdateStats stats = updater.update(work);
          seconds[r] = stats.seconds();
          tokensPerSecond[r] = stats.tokensPerSecond();
          achieved[r] = flops / stats.seconds() / 1e9;
          mfu[r] = 100 * achieved[r] / peak[r];
        }
      }
      return rows(plan, methodId, rollouts, flops, tokensPerSecond, seconds, achieved, peak, mfu);
    }
  }

  private List<BenchRow> rows(
      RunPlan plan,
      String methodId,
      List<Rollout> rollouts,
      double flops,
      double[] tokensPerSecond,
      double[] seconds,
      double[] achieved,
      double[] peak,
      double[] mfu) {
    double meanLength = rollouts.stream().mapToInt(Rollout::length).average().orElse(0);
    String what =
        String.format(
            Locale.ROOT,
            "One %s update (PPO-clip, %d epoch(s), micro-batch %d, KL coefficient %s) on %d real"
                + " rollouts of %.0f completion tokens on average",
            methodId,
            plan.objective().ppoEpochs(),
            plan.objective().microBatch(),
            plan.objective().klCoef(),
            rollouts.size(),
            meanLength);
    return List.of(
        row(
            "PPO update, " + methodId,
            tokensPerSecond,
            "tokens/s",
            what + ": prompt and completion tokens trained per second of the whole update."),
        row(
            "PPO update wall time",
            seconds,
            "s",
            what + ", including the gradient-free scoring passes (π_old, reference) and AdamW."),
        row(
            "update achieved",
            achieved,
            "GFLOP/s",
            String.format(
                Locale.ROOT,
                "%.2f GFLOP per update (6·N·L + 12·layers·d·L² per trained sequence, 2·N·L +"
                    + " 4·layers·d·L² per scoring pass) over the update's wall time.",
                flops / 1e9)),
        row(
            "float32 matmul " + MatmulPeak.SIDE + "²",
            peak,
            "GFLOP/s",
            "The machine's attainable speed through DJL: "
                + MatmulPeak.PRODUCTS
                + " back-to-back "
                + MatmulPeak.SIDE
                + "×"
                + MatmulPeak.SIDE
                + " float32 matmuls (2·n³ FLOPs each), timed just before each update."),
        row(
            "update MFU",
            mfu,
            "%",
            "Achieved over matmul GFLOP/s, per repeat: how much of the machine's float32 speed"
                + " the update turns into model arithmetic."));
  }

  /**
   * One update's rollouts: the run's first batch of requests, sampled, judged and rewarded in
   * process as {@code brevity train} does ({@link InProcessRollouts}).
   */
  private static List<Rollout> rollouts(Policy policy, RunPlan plan) {
    VersionedReward reward = Rewards.of(plan.rewardSpec(0));
    if (reward.reward().needsReference()) {
      throw new IllegalArgumentException(
          "the training benchmark needs a reward without reference statistics, not "
              + reward.spec());
    }
    RunDriver driver =
        new RunDriver("bench", plan, ProblemPool.of(plan.data()), RunDriver.initialState(plan));
    List<Request> firstBatch = driver.start().subList(0, plan.sampling().promptsPerStep());
    return new InProcessRollouts(policy, plan, Integer.MAX_VALUE).produce(firstBatch);
  }
}
