package dev.brevity.eval;

import dev.brevity.policy.Generation;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Budget forcing, the baseline that pruning has to beat: let the policy think for at most {@code
 * budget} tokens; a completion still running then gets the {@link Cue}'s text appended (the "final
 * answer" words the policy was trained to write) and writes its answer, which ends at the cue's
 * stop text, the policy's end of text, or after {@code answerTokens} tokens. A completion that ends
 * within the budget is kept as it is. The reported length counts every token of the output: the
 * thinking, the cue and the answer.
 */
public final class BudgetForcing implements PolicyEvaluation.Decoder {

  /**
   * What is appended to a cut completion, and where its answer ends.
   *
   * @param text appended after the budget's last token
   * @param stop the answer ends with the first token that completes this text
   */
  public record Cue(String text, String stop) {

    /**
     * The bundled task's policy: its teacher's last sentence before the boxed answer, to the full
     * stop. (A bare {@code </think> \boxed{} does not work for it: it never saw its thinking end
     * early and goes on thinking inside the box.)
     */
    public static final Cue BUNDLED_TASK = new Cue(" I am confident the answer is", ".");

    /** A model that closes its thinking and boxes its answer. */
    public static final Cue BOXED = new Cue("</think> \\boxed{", "}");

    /** The cues by the names configurations use, in the order of their names. */
    public static final Map<String, Cue> BY_NAME =
        Collections.unmodifiableMap(
            new TreeMap<>(Map.of("bundled-task", BUNDLED_TASK, "boxed", BOXED)));
  }

  private final Policy policy;
  private final int budget;
  private final Cue cue;
  private final int answerTokens;

  /**
   * @param budget thinking tokens allowed, at least 1
   * @param answerTokens tokens allowed after the cue, at least 1
   */
  public BudgetForcing(Policy policy, int budget, Cue cue, int answerTokens) {
    if (budget < 1 || answerTokens < 1) {
      throw new IllegalArgumentException(
          "budget and answer tokens must be at least 1, got " + budget + " and " + answerTokens);
    }
    this.policy = policy;
    this.budget = budget;
    this.cue = cue;
    this.answerTokens = answerTokens;
  }

  @Override
  public List<Generation> decode(List<int[]> prompts, SamplingConfig sampling) {
    List<Generation> thinking =
        policy.generator().generate(prompts, withLimit(sampling, budget, sampling.seed()));
    int[] cueTokens = policy.tokenizer().encode(cue.text());
    List<Integer> cut = new ArrayList<>();
    List<int[]> continued = new ArrayList<>();
    for (int i = 0; i < thinking.size(); i++) {
      Generation g = thinking.get(i);
      if (g.finishReason() == FinishReason.LENGTH) {
        cut.add(i);
        continued.add(concat(prompts.get(i), g.tokens(), cueTokens));
      }
    }
    List<Generation> out = new ArrayList<>(thinking);
    if (continued.isEmpty()) {
      return out;
    }
    List<Generation> answers =
        policy
            .generator()
            .generate(continued, withLimit(sampling, answerTokens, sampling.seed() + 1));
    for (int j = 0; j < cut.size(); j++) {
      Generation head = thinking.get(cut.get(j));
      Generation answer = untilStop(answers.get(j));
      out.set(
          cut.get(j),
          new Generation(
              concat(head.tokens(), cueTokens, answer.tokens()),
              head.text() + cue.text() + answer.text(),
              concat(head.logProbs(), new float[cueTokens.length], answer.logProbs()),
              answer.finishReason()));
    }
    return out;
  }

  /** The answer up to the first token that completes the stop text (a stop, like EOS). */
  private Generation untilStop(Generation answer) {
    for (int k = 1; k <= answer.tokens().length; k++) {
      String text = policy.tokenizer().decode(Arrays.copyOf(answer.tokens(), k));
      int at = text.indexOf(cue.stop());
      if (at >= 0) {
        return new Generation(
            Arrays.copyOf(answer.tokens(), k),
            text.substring(0, at + cue.stop().length()),
            Arrays.copyOf(answer.logProbs(), k),
            FinishReason.EOS);
      }
    }
    return answer;
  }

  private static SamplingConfig withLimit(SamplingConfig sampling, int limit, long seed) {
    return new SamplingConfig(
        sampling.temperature(), sampling.topP(), sampling.topK(), limit, seed);
  }

  private static int[] concat(int[]... parts) {
    int[] out = new int[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b, float[] c) {
    float[] out = Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }
}
