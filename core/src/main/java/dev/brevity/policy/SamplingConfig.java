package dev.brevity.policy;

/**
 * How to pick each next token.
 *
 * @param temperature 0 for greedy decoding; otherwise logits are divided by it
 * @param topP keep the smallest set of tokens whose probability reaches this (1 keeps all)
 * @param topK keep the k most likely tokens (0 keeps all)
 * @param maxNewTokens generate at most this many tokens (the token limit)
 * @param seed sequence i of a batch samples with seed + i, so results do not depend on batching
 */
public record SamplingConfig(float temperature, float topP, int topK, int maxNewTokens, long seed) {

  public SamplingConfig {
    if (temperature < 0 || topP <= 0 || topP > 1 || topK < 0 || maxNewTokens < 1) {
      throw new IllegalArgumentException(
          "sampling: temperature >= 0, 0 < topP <= 1, topK >= 0 and maxNewTokens >= 1 required, got "
              + this);
    }
  }

  /** Greedy decoding of at most {@code maxNewTokens} tokens. */
  public static SamplingConfig greedy(int maxNewTokens) {
    return new SamplingConfig(0, 1, 0, maxNewTokens, 0);
  }

  /**
   * The settings of sample {@code index} of a request sampled with these: the same, with seed +
   * index. Every producer of rollouts (the sampler-service, {@code brevity train}, the benchmark)
   * derives a sample's settings here, so a sample is the same wherever it is generated.
   */
  public SamplingConfig forSample(int index) {
    return new SamplingConfig(temperature, topP, topK, maxNewTokens, seed + index);
  }

  public boolean isGreedy() {
    return temperature == 0;
  }
}
