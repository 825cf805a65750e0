package dev.brevity.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.TaskProblem;
import dev.brevity.verify.BoxedAnswer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads problems from JSONL files (Brevity, GSM8K or MATH layout) and writes the bundled task.
 * Every non-blank line must be a problem: a malformed one fails the whole read with the file name
 * and line number; nothing is skipped silently. Blank lines are not records and are ignored.
 */
public final class JsonlDatasets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GSM8K_ANSWER = Pattern.compile("####\\s*(.+?)\\s*$");
  private static final Pattern MATH_LEVEL = Pattern.compile("Level\\s+(\\d+)");

  private JsonlDatasets() {}

  /** A non-blank line of a JSONL file, numbered from 1 as an editor counts them. */
  public record Line(int number, String text) {}

  /** The non-blank lines of {@code file} (UTF-8), each with its line number. */
  public static List<Line> lines(Path file) throws IOException {
    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).isBlank()) {
        lines.add(new Line(i + 1, all.get(i)));
      }
    }
    return lines;
  }

  /** Reads {@code file}, detecting its layout from the first record. */
  public static List<TaskProblem> read(Path file) {
    return read(file, Optional.empty());
  }

  /**
   * Reads {@code file} in {@code format}, or the layout detected from its first record.
   *
   * @throws DatasetException naming the file and line of the first bad record
   */
  public static List<TaskProblem> read(Path file, Optional<DatasetFormat> format) {
    String dataset = datasetName(file);
    List<TaskProblem> problems = new ArrayList<>();
    DatasetFormat layout = format.orElse(null);
    try {
      for (Line line : lines(file)) {
        JsonNode record = parse(file, line.number(), line.text());
        if (layout == null) {
          layout = DatasetFormat.detect(record);
        }
        problems.add(problem(file, line.number(), record, layout, dataset));
      }
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read: " + e.getMessage(), e);
    }
    if (problems.isEmpty()) {
      throw new DatasetException(file, "no problems in the file", null);
    }
    return problems;
  }

  /**
   * Writes the bundled task's examples: problem fields plus {@code minimal} and {@code teacher}.
   */
  public static void writeExamples(Path file, List<Example> examples) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Example example : examples) {
        ObjectNode record = problemJson(example.problem());
        record.put("minimal", example.minimal());
        record.put("teacher", example.teacher());
        writer.write(JSON.writeValueAsString(record));
        writer.newLine();
      }
    }
  }

  /** Writes problems in Brevity's layout (the normal form of an imported data set). */
  public static void writeProblems(Path file, List<TaskProblem> problems) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (TaskProblem problem : problems) {
        writer.write(JSON.writeValueAsString(problemJson(problem)));
        writer.newLine();
      }
    }
  }

  private static ObjectNode problemJson(TaskProblem problem) {
    ObjectNode record = JSON.createObjectNode();
    record.put("id", problem.id());
    record.put("question", problem.question());
    record.put("answer", problem.answer());
    record.put("difficulty", problem.difficulty());
    record.put("dataset", problem.dataset());
    return record;
  }

  private static JsonNode parse(Path file, int line, String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new DatasetException(file, line, "not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new DatasetException(file, line, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  private static TaskProblem problem(
      Path file, int line, JsonNode record, DatasetFormat format, String dataset) {
    String fallbackId = dataset + "-" + line;
    return switch (format) {
      case BREVITY ->
          new TaskProblem(
              optionalText(record, "id").orElse(fallbackId),
              text(file, line, record, "question", format),
              text(file, line, record, "answer", format),
              optionalInt(file, line, record, "difficulty").orElse(0),
              optionalText(record, "dataset").orElse(dataset));
      case GSM8K -> {
        String answer = text(file, line, record, "answer", format);
        Matcher matcher = GSM8K_ANSWER.matcher(answer);
        if (!matcher.find()) {
          throw new DatasetException(file, line, "GSM8K answer has no '#### N' final line");
        }
        yield new TaskProblem(
            optionalText(record, "id").orElse(fallbackId),
            text(file, line, record, "question", format),
            matcher.group(1),
            0,
            dataset);
      }
      case MATH -> {
        String solution = text(file, line, record, "solution", format);
        String answer =
            optionalText(record, "answer")
                .or(() -> BoxedAnswer.last(solution))
                .orElseThrow(
                    () ->
                        new DatasetException(file, line, "MATH solution has no \\boxed{} answer"));
        int level =
            optionalText(record, "level")
                .map(MATH_LEVEL::matcher)
                .filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1)))
                .orElse(0);
        yield new TaskProblem(
            optionalText(record, "unique_id").orElse(fallbackId),
            text(file, line, record, "problem", format),
            answer,
            level,
            dataset);
      }
    };
  }

  private static String text(
      Path file, int line, JsonNode record, String field, DatasetFormat format) {
    JsonNode value = record.get(field);
    if (value == null || value.isNull()) {
      throw new DatasetException(
          file, line, "missing field '" + field + "' (" + format.name().toLowerCase() + " layout)");
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw new DatasetException(
          file, line, "field '" + field + "' must be text, got " + value.getNodeType());
    }
    String text = value.asText().strip();
    if (text.isEmpty()) {
      throw new DatasetException(file, line, "field '" + field + "' is empty");
    }
    return text;
  }

  private static Optional<String> optionalText(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText().strip());
  }

  private static Optional<Integer> optionalInt(Path file, int line, JsonNode record, String field) {
    JsonNode value = record.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.canConvertToInt()) {
      throw new DatasetException(
          file, line, "field '" + field + "' must be an integer, got " + value);
    }
    return Optional.of(value.asInt());
  }

  private static String datasetName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
  }
}
