package dev.brevity.cli;

import dev.brevity.data.DatasetFormat;
import dev.brevity.data.JsonlDatasets;
import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import dev.brevity.task.Level;
import dev.brevity.task.TaskProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code brevity task}: the bundled task and the data sets users bring. */
@Command(
    name = "task",
    mixinStandardHelpOptions = true,
    description = "The bundled reasoning task and data sets.",
    subcommands = {TaskCommand.Export.class, TaskCommand.Import.class, TaskCommand.Show.class})
public final class TaskCommand {

  /** {@code brevity task export}: the bundled task as JSONL, with both traces. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Writes bundled problems with their minimal and teacher traces as JSONL.")
  static final class Export implements Callable<Integer> {

    @Option(
        names = "--split",
        defaultValue = "train",
        description = "train or eval (default: ${DEFAULT-VALUE}).")
    String split;

    @Mixin SharedOptions.PerLevel perLevel;

    @Option(
        names = "--levels",
        split = ",",
        description = "Difficulty levels to export, e.g. 1,2,3 (default: all, 1 to 7).")
    List<Integer> levels;

    @Mixin SharedOptions.Seed seed;

    @Option(names = "--out", required = true, description = "JSONL file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
      List<Integer> chosen =
          levels == null ? Level.ALL.stream().map(Level::level).toList() : levels;
      List<Example> examples = new ArrayList<>();
      for (int level : chosen) {
        examples.addAll(
            ArithmeticTask.examples(Split.of(split), level, perLevel.count, seed.value));
      }
      JsonlDatasets.writeExamples(out, examples);
      System.out.printf("wrote %d %s problems to %s%n", examples.size(), split, out);
      return 0;
    }
  }

  /** {@code brevity task import}: reads a GSM8K, MATH or Brevity file, validates, normalises. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Reads a JSONL data set (GSM8K, MATH or Brevity layout) and writes Brevity's layout.")
  static final class Import implements Callable<Integer> {

    @Option(names = "--in", required = true, description = "JSONL file to read.")
    Path in;

    @Option(
        names = "--format",
        defaultValue = "auto",
        description =
            "auto, brevity, gsm8k or math (default: ${DEFAULT-VALUE}: from the first line).")
    String format;

    @Option(
        names = "--out",
        description = "JSONL file to write in Brevity's layout (default: only validate).")
    Path out;

    @Override
    public Integer call() throws IOException {
      Optional<DatasetFormat> layout =
          format.equalsIgnoreCase("auto")
              ? Optional.empty()
              : Optional.of(DatasetFormat.of(format));
      List<TaskProblem> problems = JsonlDatasets.read(in, layout);
      Map<Integer, Integer> byDifficulty = new TreeMap<>();
      problems.forEach(p -> byDifficulty.merge(p.difficulty(), 1, Integer::sum));
      System.out.printf(
          "%d problems in %s; by difficulty: %s%n", problems.size(), in, byDifficulty);
      if (out != null) {
        JsonlDatasets.writeProblems(out, problems);
        System.out.printf("wrote %s%n", out);
      }
      return 0;
    }
  }

  /** {@code brevity task show}: one bundled problem and both of its traces. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints one bundled problem and its traces.")
  static final class Show implements Callable<Integer> {

    @Option(
        names = "--level",
        defaultValue = "3",
        description = "Difficulty level (default: ${DEFAULT-VALUE}).")
    int level;

    @Mixin SharedOptions.Seed seed;

    @Override
    public Integer call() {
      Example example = ArithmeticTask.examples(Split.TRAIN, level, 1, seed.value).get(0);
      System.out.println("question: " + example.problem().question());
      System.out.println("answer:   " + example.problem().answer());
      System.out.println("minimal:  " + example.minimal());
      System.out.println("teacher:  " + example.teacher());
      return 0;
    }
  }
}
