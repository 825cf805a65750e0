package dev.brevity.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.data.JsonlDatasets;
import dev.brevity.eval.BudgetForcing;
import dev.brevity.eval.BudgetForcing.Cue;
import dev.brevity.eval.PolicyEvaluation;
import dev.brevity.eval.PolicyEvaluation.Report;
import dev.brevity.eval.PolicyEvaluation.Stats;
import dev.brevity.policy.Policy;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.TaskProblem;
import dev.brevity.verify.AnswerVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevity eval}: accuracy and length of a checkpoint on held-out problems. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluates a checkpoint: accuracy and mean generated length, overall and per difficulty.")
public final class EvalCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Budget forcing's cue and answer tokens when not given (the eval-service's defaults). */
  private static final String DEFAULT_CUE = "bundled-task";

  private static final int DEFAULT_ANSWER_TOKENS = 12;

  @Mixin SharedOptions.Checkpoint checkpoint;

  @Option(
      names = "--split",
      defaultValue = "eval",
      description =
          "Bundled split: train or eval (default: ${DEFAULT-VALUE}); ignored with --data.")
  String split;

  @Option(
      names = "--data",
      description = "A JSONL data set to evaluate on instead of the bundled task.")
  Path data;

  @Mixin SharedOptions.PerLevel perLevel;

  @Option(
      names = "--samples",
      defaultValue = "1",
      description = "Samples per problem (default: 1, greedy).")
  int samples;

  @Option(
      names = "--temperature",
      defaultValue = "0",
      description = "0 is greedy (default: ${DEFAULT-VALUE}).")
  float temperature;

  @Option(
      names = "--max-new-tokens",
      defaultValue = "900",
      description = "Token limit (default: ${DEFAULT-VALUE}).")
  int maxNewTokens;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Prompts per batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--budget",
      description =
          "Budget forcing: think at most this many tokens, then the cue and the answer (default:"
              + " none, free generation).")
  Integer budget;

  @Option(
      names = "--cue",
      description =
          "With --budget, what a cut completion gets before its answer: bundled-task (\" I am"
              + " confident the answer is\") or boxed (\"</think> \\boxed{\"). Default:"
              + " "
              + DEFAULT_CUE
              + ".")
  String cue;

  @Option(
      names = "--answer-tokens",
      description =
          "With --budget, tokens allowed after the cue (default: " + DEFAULT_ANSWER_TOKENS + ").")
  Integer answerTokens;

  @Mixin SharedOptions.Seed seed;

  @Mixin SharedOptions.JsonReport output;

  @Option(
      names = "--completions",
      description =
          "Also write every completion as a JSONL line (problem, sample, correct, length, finish,"
              + " text) to this file.")
  Path completions;

  @Override
  public Integer call() throws Exception {
    if (samples > 1 && temperature == 0) {
      throw new IllegalArgumentException("--samples " + samples + " needs --temperature > 0");
    }
    if (budget == null && (cue != null || answerTokens != null)) {
      throw new IllegalArgumentException("--cue and --answer-tokens only apply with --budget");
    }
    Cue forcingCue = Cue.BY_NAME.get(cue == null ? DEFAULT_CUE : cue);
    if (forcingCue == null) {
      throw new IllegalArgumentException(
          "--cue is '" + cue + "'; valid values: " + String.join(", ", Cue.BY_NAME.keySet()));
    }
    List<TaskProblem> problems =
        data != null
            ? JsonlDatasets.read(data)
            : ArithmeticTask.examples(Split.of(split), perLevel.count, seed.value).stream()
                .map(Example::problem)
                .toList();
    SamplingConfig sampling = new SamplingConfig(temperature, 1f, 0, maxNewTokens, seed.value);
    long started = System.nanoTime();
    Report report;
    try (NDManager manager = NDManager.newBaseManager();
        Policy policy = Policy.load(checkpoint.dir, manager);
        CompletionWriter writer = new CompletionWriter(completions)) {
      report =
          PolicyEvaluation.evaluate(
              policy,
              budget == null
                  ? policy.generator()::generate
                  : new BudgetForcing(
                      policy,
                      budget,
                      forcingCue,
                      answerTokens == null ? DEFAULT_ANSWER_TOKENS : answerTokens),
              problems,
              sampling,
              samples,
              batchSize,
              AnswerVerifier.standard(),
              done -> System.err.printf("\revaluated %d/%d problems", done, problems.size()),
              writer);
    }
    System.err.printf("%nin %.0f s%n", (System.nanoTime() - started) / 1e9);
    if (output.json) {
      ObjectNode root = JSON.createObjectNode();
      put(root, report.overall());
      ObjectNode levels = root.putObject("byDifficulty");
      report
          .byDifficulty()
          .forEach((level, stats) -> put(levels.putObject(Integer.toString(level)), stats));
      System.out.println(JSON.writeValueAsString(root));
    } else {
      System.out.printf(
          "%-10s %9s %11s %6s %10s %10s%n",
          "difficulty", "accuracy", "meanLength", "n", "ifCorrect", "ifWrong");
      report.byDifficulty().forEach((level, s) -> printRow(Integer.toString(level), s));
      printRow("all", report.overall());
    }
    return 0;
  }

  private static void printRow(String name, Stats s) {
    System.out.printf(
        "%-10s %9.3f %11.1f %6d %10.1f %10.1f%n",
        name, s.accuracy(), s.meanLength(), s.n(), s.meanCorrectLength(), s.meanWrongLength());
  }

  private static void put(ObjectNode node, Stats stats) {
    node.put("accuracy", stats.accuracy());
    node.put("meanLength", stats.meanLength());
    node.put("n", stats.n());
    putFinite(node, "meanCorrectLength", stats.meanCorrectLength());
    putFinite(node, "meanWrongLength", stats.meanWrongLength());
  }

  /** JSON has no NaN: a mean over no answers is null. */
  private static void putFinite(ObjectNode node, String name, double value) {
    if (Double.isNaN(value)) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }
}
