package dev.brevity.eval;

import dev.brevity.policy.Generation;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.task.Prompts;
import dev.brevity.task.TaskProblem;
import dev.brevity.verify.AnswerVerifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Evaluates a policy on problems: generates (greedy, or {@code samples} samples per problem),
 * judges each final answer with the verifier, and reports accuracy (the mean over all samples:
 * pass@1) and mean generated length in tokens, overall and per difficulty.
 */
public final class PolicyEvaluation {

  /**
   * Accuracy and mean length of a group of samples, and the mean length of its right and of its
   * wrong answers (NaN where there are none).
   */
  public record Stats(
      double accuracy, double meanLength, int n, double meanCorrectLength, double meanWrongLength) {

    /** From the sums {correct, length, n, length of the correct ones}. */
    static Stats of(double[] sums) {
      double correct = sums[0];
      double wrong = sums[2] - correct;
      return new Stats(
          correct / sums[2],
          sums[1] / sums[2],
          (int) sums[2],
          correct > 0 ? sums[3] / correct : Double.NaN,
          wrong > 0 ? (sums[1] - sums[3]) / wrong : Double.NaN);
    }
  }

  /** One judged completion: which problem, which of its samples, what was generated. */
  public record Completion(
      TaskProblem problem,
      int sample,
      String text,
      int length,
      boolean correct,
      FinishReason finish) {}

  /** The evaluation: overall, and by difficulty level (ascending). */
  public record Report(Stats overall, Map<Integer, Stats> byDifficulty) {}

  /** How completions are produced: free generation, or {@link BudgetForcing}. */
  @FunctionalInterface
  public interface Decoder {
    /** One completion per prompt, in order. */
    List<Generation> decode(List<int[]> prompts, SamplingConfig sampling);
  }

  private PolicyEvaluation() {}

  /**
   * Greedy accuracy and mean length with free generation and the standard verifier, one completion
   * per problem: {@code brevity eval}'s default.
   */
  public static Report greedy(
      Policy policy, List<TaskProblem> problems, int maxNewTokens, int batchSize) {
    return evaluate(
        policy,
        policy.generator()::generate,
        problems,
        SamplingConfig.greedy(maxNewTokens),
        1,
        batchSize,
        AnswerVerifier.standard(),
        done -> {},
        completion -> {});
  }

  /**
   * Evaluates with {@code decoder} ({@code policy.generator()::generate} for free generation: the
   * policy stops itself or at the token limit), handing every judged completion to {@code
   * completions}.
   *
   * @param sampling how to decode (its seed + sample index seeds each sample)
   * @param samples samples per problem
   * @param batchSize prompts generated together
   * @param progress receives the number of problems done so far
   * @param completions receives each completion as it is judged (problems ordered by question
   *     length, samples of a batch together)
   */
  public static Report evaluate(
      Policy policy,
      Decoder decoder,
      List<TaskProblem> problems,
      SamplingConfig sampling,
      int samples,
      int batchSize,
      AnswerVerifier verifier,
      IntConsumer progress,
      Consumer<Completion> completions) {
    List<TaskProblem> ordered = new ArrayList<>(problems);
    ordered.sort(Comparator.comparingInt(p -> p.question().length())); // similar lengths batch well
    // difficulty → {correct, length, n, length of the correct ones}
    Map<Integer, double[]> sums = new TreeMap<>();
    int done = 0;
    for (int start = 0; start < ordered.size(); start += batchSize) {
      List<TaskProblem> chunk = ordered.subList(start, Math.min(start + batchSize, ordered.size()));
      List<int[]> prompts = new ArrayList<>();
      for (TaskProblem problem : chunk) {
        prompts.add(policy.tokenizer().encode(Prompts.of(problem)));
      }
      for (int s = 0; s < samples; s++) {
        SamplingConfig seeded =
            new SamplingConfig(
                sampling.temperature(),
                sampling.topP(),
                sampling.topK(),
                sampling.maxNewTokens(),
                sampling.seed() + (long) s * problems.size() + start);
        List<Generation> generations = decoder.decode(prompts, seeded);
        for (int i = 0; i < chunk.size(); i++) {
          Generation g = generations.get(i);
          boolean correct =
              verifier
                  .verifyOutput(
                      chunk.get(i).answer(), g.text(), g.finishReason() == FinishReason.LENGTH)
                  .correct();
          completions.accept(
              new Completion(
                  chunk.get(i), s, g.text(), g.tokens().length, correct, g.finishReason()));
          double[] sum = sums.computeIfAbsent(chunk.get(i).difficulty(), d -> new double[4]);
          sum[0] += correct ? 1 : 0;
          sum[1] += g.tokens().length;
          sum[2] += 1;
          sum[3] += correct ? g.tokens().length : 0;
        }
      }
      done += chunk.size();
      progress.accept(done);
    }
    double[] all = new double[4];
    Map<Integer, Stats> byDifficulty = new TreeMap<>();
    for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
      byDifficulty.put(e.getKey(), Stats.of(e.getValue()));
      for (int k = 0; k < all.length; k++) {
        all[k] += e.getValue()[k];
      }
    }
    return new Report(Stats.of(all), byDifficulty);
  }
}
