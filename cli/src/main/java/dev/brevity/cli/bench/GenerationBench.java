package dev.brevity.cli.bench;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generator;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 1, generation: decode tokens/s at batch 1, 16 and 64 with the KV cache and with full
 * recompute (the whole sequence through the model at every step), greedy, end-of-text ignored so
 * every sequence runs to its limit.
 *
 * <p>The KV cache runs {@link #CACHED_TOKENS} tokens, the length of a typical trace. Recompute
 * costs batch × length² and would take minutes at that length, so both modes also run {@link
 * #COMPARED_TOKENS} tokens, side by side in each repeat, and the speed-up is the ratio at that
 * length. Recompute's cost per token grows with the length, so from batch 16 on the speed-up at 256
 * tokens is larger ({@code brevity bench decode --tokens 256} measures it there). On the 2-core
 * machine the section takes about 50 s at 3 repeats.
 */
public final class GenerationBench implements BenchSection {

  /** Batch sizes measured. */
  static final int[] BATCHES = {1, 16, 64};

  /** Tokens per sequence of the KV-cache throughput figure: a typical trace's length. */
  static final int CACHED_TOKENS = 256;

  /** Tokens per sequence at which both modes run for the speed-up (recompute is quadratic). */
  static final int COMPARED_TOKENS = 64;

  @Override
  public String name() {
    return "generation";
  }

  @Override
  public List<BenchRow> run(BenchOptions options) {
    int repeats = options.repeats();
    double[][] cached = new double[BATCHES.length][repeats];
    double[][] cachedShort = new double[BATCHES.length][repeats];
    double[][] recompute = new double[BATCHES.length][repeats];
    double[][] speedUp = new double[BATCHES.length][repeats];
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(options.checkpoint(), manager)) {
      Generator generator = DecodeRuns.runToLimit(policy);
      List<List<int[]>> prompts = new ArrayList<>();
      for (int batch : BATCHES) {
        prompts.add(DecodeRuns.prompts(policy, batch));
        // warm-up: the first calls at a new batch shape allocate
        generator.generate(prompts.get(prompts.size() - 1), SamplingConfig.greedy(8));
        generator.generateWithoutCache(prompts.get(prompts.size() - 1), SamplingConfig.greedy(8));
      }
      for (int r = 0; r < repeats; r++) {
        for (int b = 0; b < BATCHES.length; b++) {
          List<int[]> batch = prompts.get(b);
          System.err.printf(
              "bench generation: repeat %d/%d, batch %d%n", r + 1, repeats, BATCHES[b]);
          SamplingConfig full = SamplingConfig.greedy(CACHED_TOKENS);
          SamplingConfig shorter = SamplingConfig.greedy(COMPARED_TOKENS);
          cached[b][r] =
              tokensPerSecond(batch.size(), CACHED_TOKENS, () -> generator.generate(batch, full));
          cachedShort[b][r] =
              tokensPerSecond(
                  batch.size(), COMPARED_TOKENS, () -> generator.generate(batch, shorter));
          recompute[b][r] =
              tokensPerSecond(
                  batch.size(),
                  COMPARED_TOKENS,
                  () -> generator.generateWithoutCache(batch, shorter));
          speedUp[b][r] = cachedShort[b][r] / recompute[b][r];
        }
      }
    }
    List<BenchRow> rows = new ArrayList<>();
    for (int b = 0; b < BATCHES.length; b++) {
      int batch = BATCHES[b];
      rows.add(
          row(
              "decode, batch " + batch + ", KV cache, " + CACHED_TOKENS + " tokens",
              cached[b],
              "tokens/s",
              "Greedy decoding of "
                  + batch
                  + " sequence(s) × "
                  + CACHED_TOKENS
                  + " tokens (a typical trace) with the KV cache: generated tokens over wall"
                  + " time."));
      rows.add(
          row(
              "decode, batch " + batch + ", KV cache, " + COMPARED_TOKENS + " tokens",
              cachedShort[b],
              "tokens/s",
              "The same at "
                  + COMPARED_TOKENS
                  + " tokens per sequence, the length at which recompute is affordable."));
      rows.add(
          row(
              "decode, batch " + batch + ", recompute, " + COMPARED_TOKENS + " tokens",
              recompute[b],
              "tokens/s",
              "Without the cache (the whole sequence through the model at every step), "
                  + COMPARED_TOKENS
                  + " tokens per sequence: its cost grows with the square of the length."));
      rows.add(
          row(
              "decode, batch " + batch + ", cache speed-up at " + COMPARED_TOKENS + " tokens",
              speedUp[b],
              "×",
              "KV cache over recompute at "
                  + COMPARED_TOKENS
                  + " tokens, side by side in each repeat; from batch 16 on it grows with the"
                  + " length (goal: 5× at 256 tokens, measured by bench decode)."));
    }
    return rows;
  }

  private static double tokensPerSecond(int batch, int tokens, Runnable run) {
    return batch * (double) tokens / DecodeRuns.seconds(run);
  }
}
