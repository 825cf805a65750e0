package dev.brevity.sampler;

import dev.brevity.events.FinishReason;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.SamplingParams;
import dev.brevity.events.Trace;
import dev.brevity.policy.Generation;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.schemas.TraceBuilders;
import dev.brevity.train.Request;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the K traces of each request of a batch, filling the batch dimension across requests:
 * every sample of every request that uses the same policy version is generated together, up to
 * {@code batchSize} sequences at a time. Sample i of a request samples with the request's seed + i,
 * whatever else shares its batch, so a redelivered request regenerates the same traces.
 *
 * @param versions the policy versions this sampler can load
 * @param samplerId written on every trace
 * @param batchSize sequences generated together at most
 * @param clock for the traces' times
 */
record RolloutGenerator(PolicyVersions versions, String samplerId, int batchSize, Clock clock) {

  /** What one batch produced: traces, and the requests that could not be served, with why. */
  record Result(List<Trace> traces, Map<RolloutRequest, String> unserved, int tokens) {}

  /**
   * @param received when each request was taken off the topic (for the queue time)
   */
  Result generate(List<RolloutRequest> requests, Map<RolloutRequest, Instant> received) {
    Map<PolicyVersions.Selected, List<Sample>> byPolicy = new LinkedHashMap<>();
    Map<RolloutRequest, String> unserved = new LinkedHashMap<>();
    for (RolloutRequest request : requests) {
      PolicyVersions.Selected selected;
      try {
        selected =
            versions.select(
                request.getRunId(), request.getPolicyVersion(), request.getMaxStaleness());
        check(request, selected);
      } catch (IllegalStateException | IllegalArgumentException e) {
        unserved.put(request, e.getMessage());
        continue;
      }
      for (int i = 0; i < request.getSamples(); i++) {
        byPolicy.computeIfAbsent(selected, k -> new ArrayList<>()).add(new Sample(request, i));
      }
    }
    List<Trace> traces = new ArrayList<>();
    int tokens = 0;
    for (Map.Entry<PolicyVersions.Selected, List<Sample>> entry : byPolicy.entrySet()) {
      PolicyVersions.Selected selected = entry.getKey();
      List<Sample> samples = entry.getValue();
      for (int from = 0; from < samples.size(); from += batchSize) {
        List<Sample> chunk = samples.subList(from, Math.min(from + batchSize, samples.size()));
        Instant started = clock.instant();
        List<int[]> prompts = new ArrayList<>();
        List<SamplingConfig> settings = new ArrayList<>();
        for (Sample sample : chunk) {
          prompts.add(
              selected.policy().tokenizer().encode(sample.request().getProblem().getPrompt()));
          settings.add(settings(sample.request().getSampling(), sample.index()));
        }
        List<Generation> generations =
            selected.policy().generator().generateEach(prompts, settings);
        long millis = clock.instant().toEpochMilli() - started.toEpochMilli();
        for (int i = 0; i < chunk.size(); i++) {
          Sample sample = chunk.get(i);
          Generation generation = generations.get(i);
          tokens += generation.tokens().length;
          Instant queuedAt = received.getOrDefault(sample.request(), started);
          traces.add(
              trace(
                  sample,
                  selected.version(),
                  prompts.get(i),
                  generation,
                  started.toEpochMilli() - queuedAt.toEpochMilli(),
                  millis));
        }
      }
    }
    return new Result(traces, unserved, tokens);
  }

  private Trace trace(
      Sample sample,
      long version,
      int[] prompt,
      Generation generation,
      long queuedMillis,
      long millis) {
    RolloutRequest request = sample.request();
    List<Integer> promptIds = new ArrayList<>(prompt.length);
    for (int id : prompt) {
      promptIds.add(id);
    }
    List<Integer> completionIds = new ArrayList<>(generation.tokens().length);
    List<Float> logProbs = new ArrayList<>(generation.tokens().length);
    for (int i = 0; i < generation.tokens().length; i++) {
      completionIds.add(generation.tokens()[i]);
      logProbs.add(generation.logProbs()[i]);
    }
    String traceId = Request.traceId(request.getRequestId(), sample.index());
    return TraceBuilders.answering(request, traceId, sample.index())
        .setOccurredAt(clock.instant())
        .setPolicyVersion(version)
        .setSamplerId(samplerId)
        .setPromptTokenIds(promptIds)
        .setCompletionTokenIds(completionIds)
        .setCompletionText(generation.text())
        .setLogProbs(logProbs)
        .setFinishReason(
            generation.finishReason() == dev.brevity.policy.Generation.FinishReason.EOS
                ? FinishReason.EOS
                : FinishReason.LENGTH)
        .setQueuedMillis(Math.max(0, queuedMillis))
        .setGenerationMillis(millis)
        .build();
  }

  /**
   * Rejects a request that generation would fail on, so that one bad request never stops the
   * sampler (which would then fail again on its redelivery).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  private static void check(RolloutRequest request, PolicyVersions.Selected selected) {
    if (request.getSamples() < 1) {
      throw new IllegalArgumentException("samples must be at least 1, got " + request.getSamples());
    }
    settings(request.getSampling(), 0); // checks temperature, top-p, top-k and the token limit
    int prompt = selected.policy().tokenizer().encode(request.getProblem().getPrompt()).length;
    int positions = selected.policy().model().config().maxPositions();
    if (prompt == 0 || prompt + request.getSampling().getMaxNewTokens() > positions) {
      throw new IllegalArgumentException(
          "a prompt of "
              + prompt
              + " tokens plus "
              + request.getSampling().getMaxNewTokens()
              + " new tokens does not fit the policy's "
              + positions
              + " positions");
    }
  }

  /** Sample {@code index} of a request samples with the request's seed + index. */
  static SamplingConfig settings(SamplingParams params, int index) {
    return new SamplingConfig(
            params.getTemperature(),
            params.getTopP(),
            params.getTopK(),
            params.getMaxNewTokens(),
            params.getSeed())
        .forSample(index);
  }

  private record Sample(RolloutRequest request, int index) {}
}
