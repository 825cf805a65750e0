package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.data.JsonlDatasets;
import dev.brevity.task.TaskProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskCommandTest {

  @TempDir Path dir;

  @Test
  void exportsTheBundledTaskAndImportsItBack() {
    Path exported = dir.resolve("arith-eval.jsonl");
    Path imported = dir.resolve("normal.jsonl");

    CommandRun export =
        CommandRun.of(
            "task",
            "export",
            "--split",
            "eval",
            "--per-level",
            "4",
            "--levels",
            "1,5",
            "--out",
            exported.toString());
    CommandRun load =
        CommandRun.of("task", "import", "--in", exported.toString(), "--out", imported.toString());

    assertThat(export.exitCode()).isZero();
    assertThat(export.stdout()).contains("wrote 8 eval problems");
    assertThat(load.exitCode()).isZero();
    assertThat(load.stdout()).contains("8 problems").contains("{1=4, 5=4}");
    List<TaskProblem> problems = JsonlDatasets.read(imported);
    assertThat(problems).hasSize(8);
    assertThat(problems).allSatisfy(p -> assertThat(p.question()).startsWith("Compute "));
  }

  @Test
  void importsGsm8k() throws Exception {
    Path file =
        Files.write(
            dir.resolve("gsm8k.jsonl"),
            List.of("{\"question\": \"2 + 2?\", \"answer\": \"2+2=4\\n#### 4\"}"));

    CommandRun load = CommandRun.of("task", "import", "--in", file.toString(), "--format", "gsm8k");

    assertThat(load.exitCode()).isZero();
    assertThat(load.stdout()).contains("1 problems").contains("{0=1}");
  }

  @Test
  void aBadLineFailsTheImport() throws Exception {
    Path file = Files.write(dir.resolve("bad.jsonl"), List.of("{\"question\": \"q\"}"));

    CommandRun load = CommandRun.of("task", "import", "--in", file.toString());

    assertThat(load.exitCode()).isEqualTo(2);
  }
}
