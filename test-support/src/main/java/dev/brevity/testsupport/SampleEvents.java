package dev.brevity.testsupport;

import dev.brevity.events.DifficultyResult;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.FinishReason;
import dev.brevity.events.Problem;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutPurpose;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.RunRequested;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Realistic, fully populated events for service tests. */
public final class SampleEvents {

  private static final Instant AT = Instant.ofEpochMilli(1_767_225_600_000L);

  private SampleEvents() {}

  /** A request, made now, for a run of {@code method} configured by {@code configYaml}. */
  public static RunRequested runRequested(String runId, String method, String configYaml) {
    return RunRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(Instant.now())
        .setMethod(method)
        .setConfigYaml(configYaml)
        .build();
  }

  /** The reference statistics of {@code problemId}, from two samples of version 0. */
  public static ReferenceStats referenceStats(
      String runId,
      String problemId,
      double meanLength,
      double meanAccuracy,
      List<Integer> correctLengths) {
    return ReferenceStats.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(AT)
        .setProblemId(problemId)
        .setPolicyVersion(0)
        .setSamples(2)
        .setMeanLength(meanLength)
        .setMeanAccuracy(meanAccuracy)
        .setCorrectLengths(correctLengths)
        .build();
  }

  /** The problem "3 + 4 * 2" of the bundled arithmetic task, difficulty 2. */
  public static Problem problem(String problemId) {
    return Problem.newBuilder()
        .setProblemId(problemId)
        .setDataset("arith-test")
        .setPrompt("Compute 3 + 4 * 2.")
        .setAnswer("11")
        .setDifficulty(2)
        .build();
  }

  public static SamplingParams sampling() {
    return SamplingParams.newBuilder()
        .setTemperature(1.0f)
        .setTopP(1.0f)
        .setTopK(0)
        .setMaxNewTokens(256)
        .setSeed(42)
        .build();
  }

  /** A request for {@code samples} traces of {@link #problem}. */
  public static RolloutRequest rolloutRequest(String runId, String requestId, int samples) {
    return RolloutRequest.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(AT)
        .setRequestId(requestId)
        .setPolicyVersion(0)
        .setMaxStaleness(2)
        .setSamples(samples)
        .setStage(0)
        .setPurpose(RolloutPurpose.TRAINING)
        .setProblem(problem("p-" + requestId))
        .setSampling(sampling())
        .build();
  }

  /**
   * A trace of {@link #problem} whose completion is {@code completion}, one token per word (the
   * token ids are placeholders: only their count matters to length rewards).
   */
  public static Trace trace(String runId, String traceId, String completion, FinishReason finish) {
    int words = completion.split(" ").length;
    List<Integer> completionIds = new ArrayList<>();
    List<Float> logProbs = new ArrayList<>();
    for (int i = 0; i < words; i++) {
      completionIds.add(10 + i);
      logProbs.add(-0.5f);
    }
    return Trace.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(AT)
        .setTraceId(traceId)
        .setRequestId(traceId.split("/")[0])
        .setSampleIndex(0)
        .setPolicyVersion(1)
        .setSamplerId("sampler-test")
        .setStage(0)
        .setPurpose(RolloutPurpose.TRAINING)
        .setProblem(problem("p-" + traceId))
        .setSampling(sampling())
        .setPromptTokenIds(List.of(1, 2, 3))
        .setCompletionTokenIds(completionIds)
        .setCompletionText(completion)
        .setLogProbs(logProbs)
        .setFinishReason(finish)
        .setQueuedMillis(3)
        .setGenerationMillis(40)
        .build();
  }

  /**
   * The K traces of one request for problem {@code "p-" + requestId}, in sample order: trace i has
   * {@code wordsAndRight[2i]} words (one token each) and ends in the right answer {@code
   * \boxed{11}} when {@code wordsAndRight[2i + 1]} is true, else in {@code \boxed{12}}; every trace
   * finished (EOS).
   */
  public static List<Trace> group(
      String runId, String requestId, RolloutPurpose purpose, Object... wordsAndRight) {
    List<Trace> group = new ArrayList<>();
    int k = wordsAndRight.length / 2;
    for (int i = 0; i < k; i++) {
      int words = (Integer) wordsAndRight[2 * i];
      boolean right = (Boolean) wordsAndRight[2 * i + 1];
      String completion = "think ".repeat(words - 1) + (right ? "\\boxed{11}" : "\\boxed{12}");
      Trace trace = trace(runId, requestId + "/" + i, completion, FinishReason.EOS);
      group.add(
          Trace.newBuilder(trace)
              .setRequestId(requestId)
              .setSampleIndex(i)
              .setSamples(k)
              .setPurpose(purpose)
              .setProblem(problem("p-" + requestId))
              .build());
    }
    return group;
  }

  /** An evaluation of {@code policyVersion} with one difficulty level. */
  public static EvalCompleted evalCompleted(
      String runId, long policyVersion, double accuracy, double meanLength) {
    return EvalCompleted.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(AT)
        .setPolicyVersion(policyVersion)
        .setStage(0)
        .setStep(policyVersion * 10)
        .setEvalSet("arith-test")
        .setProblems(100)
        .setAccuracy(accuracy)
        .setMeanLength(meanLength)
        .setAes(null)
        .setPerDifficulty(
            List.of(
                DifficultyResult.newBuilder()
                    .setDifficulty(2)
                    .setProblems(100)
                    .setAccuracy(accuracy)
                    .setMeanLength(meanLength)
                    .build()))
        .build();
  }
}
