package dev.brevity.policy;

import java.util.Arrays;
import java.util.Random;

/** Picks a next token from one row of logits: greedy, or temperature with top-k and top-p. */
final class TokenSampler {

  private TokenSampler() {}

  /** A chosen token and its log-probability. */
  record Choice(int token, float logProb) {}

  static Choice choose(float[] logits, int offset, int vocab, SamplingConfig s, Random random) {
    double temperature = s.isGreedy() ? 1.0 : s.temperature();
    double[] logProbs = logSoftmax(logits, offset, vocab, temperature);
    if (s.isGreedy()) {
      int best = 0;
      for (int v = 1; v < vocab; v++) {
        if (logits[offset + v] > logits[offset + best]) {
          best = v;
        }
      }
      return new Choice(best, (float) logProbs[best]);
    }
    Integer[] order = new Integer[vocab];
    for (int v = 0; v < vocab; v++) {
      order[v] = v;
    }
    Arrays.sort(order, (a, b) -> Double.compare(logProbs[b], logProbs[a]));
    int keep = s.topK() > 0 ? Math.min(s.topK(), vocab) : vocab;
    double cumulative = 0;
    for (int i = 0; i < keep; i++) {
      cumulative += Math.exp(logProbs[order[i]]);
      if (cumulative >= s.topP()) {
        keep = i + 1;
        break;
      }
    }
    double total = 0;
    for (int i = 0; i < keep; i++) {
      total += Math.exp(logProbs[order[i]]);
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < keep; i++) {
      u -= Math.exp(logProbs[order[i]]);
      if (u <= 0) {
        return new Choice(order[i], (float) logProbs[order[i]]);
      }
    }
    int last = order[keep - 1];
    return new Choice(last, (float) logProbs[last]);
  }

  private static double[] logSoftmax(float[] logits, int offset, int vocab, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logits[offset + v] / temperature);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v] / temperature - max);
    }
    double logSum = max + Math.log(sum);
    double[] out = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      out[v] = logits[offset + v] / temperature - logSum;
    }
    return out;
  }
}
