package dev.brevity.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.data.JsonlDatasets;
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
              policy.generator()::generate,
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
      System.out.printf("%-10s %9s %11s %6s%n", "difficulty", "accuracy", "meanLength", "n");
      report
          .byDifficulty()
          .forEach(
              (level, s) ->
                  System.out.printf(
                      "%-10d %9.3f %11.1f %6d%n", level, s.accuracy(), s.meanLength(), s.n()));
      Stats o = report.overall();
      System.out.printf("%-10s %9.3f %11.1f %6d%n", "all", o.accuracy(), o.meanLength(), o.n());
    }
    return 0;
  }

  private static void put(ObjectNode node, Stats stats) {
    node.put("accuracy", stats.accuracy());
    node.put("meanLength", stats.meanLength());
    node.put("n", stats.n());
  }
}
