package dev.brevity.cli.bench;

import dev.brevity.events.FinishReason;
import dev.brevity.events.Problem;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.policy.Generation;
import dev.brevity.policy.SamplingConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Brevity events built from real generations, as the sampler and reward-service publish them. */
final class TraceEvents {

  private TraceEvents() {}

  /** The {@link Trace} the sampler would publish for one generation. */
  static Trace trace(
      String traceId,
      dev.brevity.task.TaskProblem problem,
      String promptText,
      int[] prompt,
      Generation generation,
      SamplingConfig sampling,
      double generationSeconds) {
    return Trace.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId("bench")
        .setOccurredAt(Instant.now())
        .setTraceId(traceId)
        .setRequestId(traceId.split("/")[0])
        .setSampleIndex(0)
        .setSamples(1)
        .setPolicyVersion(0)
        .setSamplerId("bench")
        .setStage(0)
        .setPurpose(RolloutPurpose.TRAINING)
        .setProblem(
            Problem.newBuilder()
                .setProblemId(problem.id())
                .setDataset(problem.dataset())
                .setPrompt(promptText)
                .setAnswer(problem.answer())
                .setDifficulty(problem.difficulty())
                .build())
        .setSampling(
            SamplingParams.newBuilder()
                .setTemperature(sampling.temperature())
                .setTopP(sampling.topP())
                .setTopK(sampling.topK())
                .setMaxNewTokens(sampling.maxNewTokens())
                .setSeed(sampling.seed())
                .build())
        .setPromptTokenIds(ints(prompt))
        .setCompletionTokenIds(ints(generation.tokens()))
        .setCompletionText(generation.text())
        .setLogProbs(floats(generation.logProbs()))
        .setFinishReason(
            generation.finishReason() == Generation.FinishReason.EOS
                ? FinishReason.EOS
                : FinishReason.LENGTH)
        .setQueuedMillis(0)
        .setGenerationMillis(Math.round(generationSeconds * 1000))
        .build();
  }

  /** The {@link ScoredTrace} the reward-service would publish for {@code trace}. */
  static ScoredTrace scored(Trace trace, double reward, boolean correct) {
    return ScoredTrace.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(trace.getRunId())
        .setOccurredAt(Instant.now())
        .setTraceId(trace.getTraceId())
        .setPolicyVersion(trace.getPolicyVersion())
        .setTrace(trace)
        .setCorrect(correct)
        .setLength(trace.getCompletionTokenIds().size())
        .setReward(reward)
        .setComponents(Map.of("correct", correct ? 1.0 : 0.0, "length", 1.0))
        .setRewardSpec("thinkprune(limit=400)")
        .setRewardVersion("thinkprune/bench")
        .build();
  }

  private static List<Integer> ints(int[] values) {
    List<Integer> out = new ArrayList<>(values.length);
    for (int v : values) {
      out.add(v);
    }
    return out;
  }

  private static List<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(v);
    }
    return out;
  }
}
