package dev.brevity.trainer;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.FinishReason;
import dev.brevity.events.Problem;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import dev.brevity.run.RunPlan;
import dev.brevity.train.DecidedFate;
import dev.brevity.train.Request;
import dev.brevity.train.Rollout;
import dev.brevity.train.UpdateStats;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Between the run driver's plain records and the events on the topics. */
final class TrainerEvents {

  private TrainerEvents() {}

  static RolloutRequest request(String runId, RunPlan plan, Request request, Instant now) {
    dev.brevity.task.TaskProblem problem = request.problem();
    return RolloutRequest.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(now)
        .setRequestId(request.requestId())
        .setPolicyVersion(request.policyVersion())
        .setMaxStaleness(request.maxStaleness())
        .setSamples(request.samples())
        .setStage(request.stage())
        .setPurpose(request.reference() ? RolloutPurpose.REFERENCE : RolloutPurpose.TRAINING)
        .setProblem(
            Problem.newBuilder()
                .setProblemId(problem.id())
                .setDataset(problem.dataset())
                .setPrompt(request.prompt(plan))
                .setAnswer(problem.answer())
                .setDifficulty(problem.difficulty())
                .build())
        .setSampling(
            SamplingParams.newBuilder()
                .setTemperature((float) request.temperature())
                .setTopP((float) request.topP())
                .setTopK(0)
                .setMaxNewTokens(request.maxNewTokens())
                .setSeed(request.seed())
                .build())
        .build();
  }

  static Rollout rollout(ScoredTrace scored) {
    Trace trace = scored.getTrace();
    float[] logProbs = new float[trace.getLogProbs().size()];
    for (int i = 0; i < logProbs.length; i++) {
      logProbs[i] = trace.getLogProbs().get(i);
    }
    return new Rollout(
        scored.getTraceId(),
        trace.getRequestId(),
        trace.getProblem().getProblemId(),
        trace.getProblem().getDifficulty(),
        trace.getSampleIndex(),
        trace.getPolicyVersion(),
        trace.getStage(),
        trace.getPurpose() == RolloutPurpose.REFERENCE,
        ints(trace.getPromptTokenIds()),
        ints(trace.getCompletionTokenIds()),
        logProbs,
        trace.getFinishReason() == FinishReason.EOS,
        scored.getReward(),
        scored.getCorrect());
  }

  static TraceFate fate(String runId, DecidedFate fate, Instant now) {
    return TraceFate.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(now)
        .setTraceId(fate.traceId())
        .setPolicyVersion(fate.policyVersion())
        .setFate(dev.brevity.events.Fate.valueOf(fate.kind().name()))
        .setTrainedAtVersion(fate.trainedAtVersion() >= 0 ? fate.trainedAtVersion() : null)
        .setReason(fate.reason())
        .build();
  }

  static CheckpointPublished checkpoint(
      String runId,
      long version,
      long parent,
      URI uri,
      String manifestSha256,
      int stage,
      long step,
      Instant now) {
    return CheckpointPublished.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(now)
        .setPolicyVersion(version)
        .setUri(uri.toString())
        .setManifestSha256(manifestSha256)
        .setStage(stage)
        .setStep(step)
        .setParentVersion(parent)
        .build();
  }

  /**
   * @param staleness u − v of each trained rollout (u: the version trained, v: its sampler's)
   */
  static TrainingStep trainingStep(
      String runId,
      long version,
      long step,
      int stage,
      UpdateStats stats,
      List<Integer> staleness,
      Instant now) {
    Map<String, Double> extra = new HashMap<>();
    extra.put("accuracy", stats.accuracy());
    extra.put("gradNorm", stats.gradNorm());
    extra.put("learningRate", stats.learningRate());
    extra.put("optimizerSteps", (double) stats.optimizerSteps());
    extra.put("skippedSteps", (double) stats.skippedSteps());
    extra.put("seconds", stats.seconds());
    if (!Double.isNaN(stats.referenceKl())) {
      extra.put("referenceKl", stats.referenceKl());
    }
    return TrainingStep.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(now)
        .setPolicyVersion(version)
        .setStep(step)
        .setStage(stage)
        .setTraces(stats.traces())
        .setLoss(stats.loss())
        .setApproxKl(stats.approxKl())
        .setClipFraction(stats.clipFraction())
        .setEntropy(stats.entropy())
        .setExplainedVariance(
            Double.isNaN(stats.explainedVariance()) ? null : stats.explainedVariance())
        .setRewardMean(stats.rewardMean())
        .setRewardStd(stats.rewardStd())
        .setLengthMean(stats.lengthMean())
        .setTokensPerSecond(stats.tokensPerSecond())
        .setStalenessMean(staleness.stream().mapToInt(Integer::intValue).average().orElse(0))
        .setStalenessMax(staleness.stream().mapToInt(Integer::intValue).max().orElse(0))
        .setExtra(extra)
        .build();
  }

  static RunStatus status(
      String runId, RunState state, long version, int stage, String message, String trainerState) {
    return RunStatus.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(Instant.now())
        .setState(state)
        .setPolicyVersion(version)
        .setStage(stage)
        .setMessage(message)
        .setTrainerState(trainerState)
        .build();
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
