package dev.brevity.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Batched autoregressive generation. Prompts of different lengths are left-padded; each sequence
 * keeps its own rotary positions (0 at its first real token), so a batch gives the same result as
 * one prompt at a time. With the KV cache (the default), each step feeds only the new token.
 */
public final class Generator {

  /** Tokens a completion may not continue with, given what it has generated so far. */
  @FunctionalInterface
  public interface TokenFilter {
    /** No constraint. */
    TokenFilter NONE = (sequence, generated) -> Set.of();

    /**
     * @param sequence the completion's index in the batch
     * @param generated its tokens so far
     * @return the token ids it may not take next (their logits are set to −∞)
     */
    Set<Integer> banned(int sequence, List<Integer> generated);
  }

  private final LlamaModel model;
  private final TextTokenizer tokenizer;
  private final Set<Integer> eosIds;
  private final int padId;

  /**
   * @param eosIds tokens that end a sequence
   * @param padId token fed at padded positions (masked out, so any id works)
   */
  public Generator(LlamaModel model, TextTokenizer tokenizer, Set<Integer> eosIds, int padId) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.eosIds = Set.copyOf(eosIds);
    this.padId = padId;
  }

  /**
   * Generates one completion per prompt, with the KV cache; prompt b samples with seed {@code
   * sampling.seed() + b}.
   */
  public List<Generation> generate(List<int[]> prompts, SamplingConfig sampling) {
    return run(prompts, perPrompt(sampling, prompts.size()), true, TokenFilter.NONE);
  }

  /**
   * The same, constrained: at every step each completion skips the tokens {@code filter} bans
   * (constrained decoding, e.g. to measure what a policy does without a habit).
   */
  public List<Generation> generate(
      List<int[]> prompts, SamplingConfig sampling, TokenFilter filter) {
    return run(prompts, perPrompt(sampling, prompts.size()), true, filter);
  }

  /**
   * Generates one completion per prompt, each with its own sampling settings, seed and token limit:
   * a prompt's completion does not depend on what else is in the batch (this is what lets a sampler
   * batch requests together and still reproduce each one).
   */
  public List<Generation> generateEach(List<int[]> prompts, List<SamplingConfig> samplings) {
    if (samplings.size() != prompts.size()) {
      throw new IllegalArgumentException(
          prompts.size() + " prompts but " + samplings.size() + " sampling settings");
    }
    return run(prompts, samplings, true, TokenFilter.NONE);
  }

  /** The same without a cache: every step recomputes the whole sequence (for comparison). */
  public List<Generation> generateWithoutCache(List<int[]> prompts, SamplingConfig sampling) {
    return run(prompts, perPrompt(sampling, prompts.size()), false, TokenFilter.NONE);
  }

  private static List<SamplingConfig> perPrompt(SamplingConfig sampling, int batch) {
    List<SamplingConfig> each = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      each.add(
          new SamplingConfig(
              sampling.temperature(),
              sampling.topP(),
              sampling.topK(),
              sampling.maxNewTokens(),
              sampling.seed() + b));
    }
    return each;
  }

  private List<Generation> run(
      List<int[]> prompts, List<SamplingConfig> samplings, boolean useCache, TokenFilter filter) {
    int batch = prompts.size();
    int promptLength = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
    int maxNewTokens =
        samplings.stream().mapToInt(SamplingConfig::maxNewTokens).max().orElseThrow();
    int total = promptLength + maxNewTokens;
    if (total > model.config().maxPositions()) {
      throw new IllegalArgumentException(
          "prompt of "
              + promptLength
              + " plus "
              + maxNewTokens
              + " new tokens exceeds the model's "
              + model.config().maxPositions()
              + " positions");
    }
    int vocab = model.config().vocabSize();
    long[][] tokens = new long[batch][total];
    long[][] positions = new long[batch][total];
    boolean[][] valid = new boolean[batch][total];
    for (int b = 0; b < batch; b++) {
      int offset = promptLength - prompts.get(b).length;
      Arrays.fill(tokens[b], padId);
      for (int j = 0; j < prompts.get(b).length; j++) {
        tokens[b][offset + j] = prompts.get(b)[j];
        positions[b][offset + j] = j;
        valid[b][offset + j] = true;
      }
      for (int j = promptLength; j < total; j++) {
        positions[b][j] = prompts.get(b).length + (j - promptLength);
        valid[b][j] = true;
      }
    }
    List<List<Integer>> generated = new ArrayList<>();
    List<List<Float>> logProbs = new ArrayList<>();
    FinishReason[] finished = new FinishReason[batch];
    Random[] random = new Random[batch];
    for (int b = 0; b < batch; b++) {
      generated.add(new ArrayList<>());
      logProbs.add(new ArrayList<>());
      random[b] = new Random(samplings.get(b).seed());
    }

    try (GradMode off = GradMode.disabled();
        NDManager manager = model.manager().newSubManager();
        KvCache cache = new KvCache(model.config().layers(), total, manager)) {
      int length = promptLength; // positions filled so far
      int from = 0; // first position fed this step
      for (int step = 0; step < maxNewTokens; step++) {
        float[] last;
        try (NDManager scope = manager.newSubManager()) {
          int start = useCache ? from : 0;
          int queries = length - start;
          NDArray input = scope.create(slice(tokens, start, length), new Shape(batch, queries));
          NDArray pos = scope.create(slice(positions, start, length), new Shape(batch, queries));
          NDArray mask = AttentionMask.padded(scope, prefix(valid, length), queries);
          NDArray logits = model.forward(input, pos, mask, useCache ? cache : null); // (B, T, V)
          last = logits.get(":, -1, :").toFloatArray(); // (B * V)
        }
        boolean allDone = true;
        for (int b = 0; b < batch; b++) {
          if (finished[b] != null) {
            tokens[b][length] = padId;
            continue;
          }
          for (int banned : filter.banned(b, generated.get(b))) {
            last[b * vocab + banned] = Float.NEGATIVE_INFINITY;
          }
          TokenSampler.Choice choice =
              TokenSampler.choose(last, b * vocab, vocab, samplings.get(b), random[b]);
          generated.get(b).add(choice.token());
          logProbs.get(b).add(choice.logProb());
          tokens[b][length] = choice.token();
          if (eosIds.contains(choice.token())) {
            finished[b] = FinishReason.EOS;
          } else if (generated.get(b).size() == samplings.get(b).maxNewTokens()) {
            finished[b] = FinishReason.LENGTH;
          } else {
            allDone = false;
          }
        }
        from = length;
        length++;
        if (allDone) {
          break;
        }
      }
    }
    List<Generation> generations = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      int[] ids = generated.get(b).stream().mapToInt(Integer::intValue).toArray();
      float[] lp = new float[ids.length];
      for (int i = 0; i < ids.length; i++) {
        lp[i] = logProbs.get(b).get(i);
      }
      FinishReason reason = finished[b] == null ? FinishReason.LENGTH : finished[b];
      int textLength = reason == FinishReason.EOS ? ids.length - 1 : ids.length;
      String text = tokenizer.decode(Arrays.copyOf(ids, textLength));
      generations.add(new Generation(ids, text, lp, reason));
    }
    return generations;
  }

  private static long[] slice(long[][] rows, int from, int to) {
    long[] out = new long[rows.length * (to - from)];
    for (int b = 0; b < rows.length; b++) {
      System.arraycopy(rows[b], from, out, b * (to - from), to - from);
    }
    return out;
  }

  private static boolean[][] prefix(boolean[][] rows, int length) {
    boolean[][] out = new boolean[rows.length][];
    for (int b = 0; b < rows.length; b++) {
      out[b] = Arrays.copyOf(rows[b], length);
    }
    return out;
  }
}
