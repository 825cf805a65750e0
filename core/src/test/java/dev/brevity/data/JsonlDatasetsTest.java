package dev.brevity.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.TaskProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetsTest {

  @TempDir Path dir;

  @Test
  void bundledTaskExportsAndReadsBack() throws IOException {
    List<Example> examples = ArithmeticTask.examples(ArithmeticTask.Split.EVAL, 3, 5, 1);
    Path file = dir.resolve("arith-eval.jsonl");

    JsonlDatasets.writeExamples(file, examples);

    List<TaskProblem> problems = JsonlDatasets.read(file);
    assertThat(problems)
        .containsExactlyElementsOf(examples.stream().map(Example::problem).toList());
    assertThat(Files.readAllLines(file).get(0))
        .contains("\"minimal\":\"<think>")
        .contains("\"teacher\":");
  }

  @Test
  void readsGsm8k() throws IOException {
    Path file =
        write(
            "gsm8k-test.jsonl",
            "{\"question\": \"Janet has 3 ducks and buys 4 more. How many?\", \"answer\": \"3+4=<<3+4=7>>7\\n#### 7\"}",
            "",
            "{\"question\": \"A farm earns $1,250 a day for 2 days.\", \"answer\": \"1250*2=2500\\n#### 2,500\"}");

    List<TaskProblem> problems = JsonlDatasets.read(file);

    assertThat(problems).extracting(TaskProblem::answer).containsExactly("7", "2,500");
    assertThat(problems)
        .extracting(TaskProblem::id)
        .containsExactly("gsm8k-test-1", "gsm8k-test-3");
    assertThat(problems.get(0).question()).startsWith("Janet has 3 ducks");
    assertThat(problems.get(0).dataset()).isEqualTo("gsm8k-test");
  }

  @Test
  void readsMathWithNestedBoxedAnswersAndLevels() throws IOException {
    Path file =
        write(
            "math.jsonl",
            "{\"problem\": \"Compute $\\\\frac{1}{2}+\\\\frac{1}{4}$.\", \"solution\": \"We get $\\\\boxed{\\\\frac{3}{4}}$.\", \"level\": \"Level 2\", \"type\": \"Algebra\"}",
            "{\"problem\": \"Find x.\", \"solution\": \"So x = 5.\", \"answer\": \"5\", \"unique_id\": \"test/algebra/1.json\", \"level\": 4}");

    List<TaskProblem> problems = JsonlDatasets.read(file);

    assertThat(problems.get(0).answer()).isEqualTo("\\frac{3}{4}");
    assertThat(problems.get(0).difficulty()).isEqualTo(2);
    assertThat(problems.get(1).id()).isEqualTo("test/algebra/1.json");
    assertThat(problems.get(1).answer()).isEqualTo("5");
  }

  @Test
  void malformedLinesNameFileAndLine() throws IOException {
    Path badJson = write("bad.jsonl", "{\"question\": \"q\", \"answer\": \"1\"}", "{not json");
    Path missing =
        write(
            "missing.jsonl", "{\"question\": \"q\", \"answer\": \"1\"}", "{\"question\": \"q2\"}");
    Path gsm8k =
        write(
            "g.jsonl",
            "{\"question\": \"q\", \"answer\": \"#### 1\"}",
            "{\"question\": \"q\", \"answer\": \"2\"}");
    Path math = write("m.jsonl", "{\"problem\": \"p\", \"solution\": \"no box here\"}");
    Path empty = write("empty.jsonl", "", "  ");

    assertThatThrownBy(() -> JsonlDatasets.read(badJson))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(badJson + ":2: invalid JSON");
    assertThatThrownBy(() -> JsonlDatasets.read(missing))
        .hasMessage(missing + ":2: missing field 'answer' (brevity layout)");
    assertThatThrownBy(() -> JsonlDatasets.read(gsm8k))
        .hasMessage(gsm8k + ":2: GSM8K answer has no '#### N' final line");
    assertThatThrownBy(() -> JsonlDatasets.read(math))
        .hasMessage(math + ":1: MATH solution has no \\boxed{} answer");
    assertThatThrownBy(() -> JsonlDatasets.read(empty))
        .hasMessage(empty + ": no problems in the file");
  }

  @Test
  void anExplicitFormatOverridesDetection() throws IOException {
    Path file = write("plain.jsonl", "{\"question\": \"q\", \"answer\": \"12\"}");

    assertThatThrownBy(() -> JsonlDatasets.read(file, Optional.of(DatasetFormat.MATH)))
        .hasMessage(file + ":1: missing field 'solution' (math layout)");
    assertThatThrownBy(() -> DatasetFormat.of("csv"))
        .hasMessage("unknown data set format 'csv'; valid formats: brevity, gsm8k, math");
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
