package dev.brevity.train;

import dev.brevity.policy.Generation;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.reward.Attempt;
import dev.brevity.reward.GroupScoring;
import dev.brevity.reward.ReferenceStatistics;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.run.RunPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollouts produced in the calling process: what the sampler-service and the reward-service do for
 * a run, as direct calls. Every sample is generated with its request's settings ({@link
 * Request#sampling()}, seed + sample index), judged and scored by {@link GroupScoring} with the
 * reward of the request's stage; reference groups first keep their statistics for the rewards that
 * need them. The policy is sampled as it is when {@link #produce} is called.
 */
public final class InProcessRollouts {

  private final Policy policy;
  private final RunPlan plan;
  private final int generationBatch;
  private final Map<String, ReferenceStatistics> referenceStats = new HashMap<>();

  /**
   * @param generationBatch sequences generated together (memory and speed only; results equal)
   */
  public InProcessRollouts(Policy policy, RunPlan plan, int generationBatch) {
    this.policy = policy;
    this.plan = plan;
    this.generationBatch = generationBatch;
  }

  /** Generates and scores every sample the requests ask for, request by request in order. */
  public List<Rollout> produce(List<Request> requests) {
    List<int[]> prompts = new ArrayList<>();
    List<SamplingConfig> settings = new ArrayList<>();
    for (Request request : requests) {
      int[] prompt = policy.tokenizer().encode(request.prompt(plan));
      for (int i = 0; i < request.samples(); i++) {
        prompts.add(prompt);
        settings.add(request.sampling().forSample(i));
      }
    }
    List<Generation> generations = new ArrayList<>();
    for (int start = 0; start < prompts.size(); start += generationBatch) {
      int end = Math.min(prompts.size(), start + generationBatch);
      generations.addAll(
          policy
              .generator()
              .generateEach(prompts.subList(start, end), settings.subList(start, end)));
    }
    List<Rollout> rollouts = new ArrayList<>();
    int next = 0; // the first generation of the request in hand
    for (Request request : requests) {
      List<Generation> group = generations.subList(next, next + request.samples());
      rollouts.addAll(score(request, prompts.get(next), group));
      next += request.samples();
    }
    return rollouts;
  }

  private List<Rollout> score(Request request, int[] prompt, List<Generation> group) {
    VersionedReward reward = Rewards.of(plan.rewardSpec(request.stage()));
    List<Attempt> attempts = new ArrayList<>();
    for (Generation g : group) {
      attempts.add(
          Attempt.judge(
              g.text(),
              request.problem().answer(),
              g.tokens().length,
              g.finishReason() == Generation.FinishReason.EOS,
              reward.needsAnswerPosition()));
    }
    GroupScoring.Result scored =
        GroupScoring.score(
            attempts, request.reference(), reward, referenceStats.get(request.problem().id()));
    if (request.reference()) {
      referenceStats.put(request.problem().id(), scored.referenceStatistics());
    }
    List<Rollout> rollouts = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      Generation g = group.get(i);
      rollouts.add(
          new Rollout(
              Request.traceId(request.requestId(), i),
              request.requestId(),
              request.problem().id(),
              request.problem().difficulty(),
              i,
              request.policyVersion(),
              request.stage(),
              request.reference(),
              prompt,
              g.tokens(),
              g.logProbs(),
              attempts.get(i).finished(),
              scored.scores().get(i).reward(),
              attempts.get(i).correct()));
    }
    return rollouts;
  }
}
