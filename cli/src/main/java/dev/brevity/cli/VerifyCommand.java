package dev.brevity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.verify.AnswerVerifier;
import dev.brevity.verify.AnswerVerifier.TruncationRule;
import dev.brevity.verify.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brevity verify}: judges answer pairs with the verifier the rewards use, one verdict per
 * input line and a summary. How a user checks the verifier on their data, or debugs a reward.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Judges lines {\"gold\": \"...\", \"pred\": \"...\"} (optional \"finish_reason\": \"length\"|\"eos\").",
      "Either side may be a bare answer or a text with \\boxed{}, '#### N' or 'the answer is'.",
      "Exit code 1 if any line is malformed (it is reported, never skipped)."
    })
public final class VerifyCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--in", required = true, description = "JSONL file of answer pairs.")
  Path in;

  @Option(names = "--json", description = "One JSON object per line instead of a table.")
  boolean json;

  @Option(
      names = "--count-truncated",
      description = "Let answers of traces cut at the token limit count (default: they do not).")
  boolean countTruncated;

  @Override
  public Integer call() throws IOException {
    AnswerVerifier verifier =
        new AnswerVerifier(countTruncated ? TruncationRule.COUNTED : TruncationRule.NOT_COUNTED);
    PrintStream out = System.out;
    int total = 0;
    int correct = 0;
    int malformed = 0;
    try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        total++;
        Verdict verdict;
        try {
          verdict = judge(verifier, text);
        } catch (IllegalArgumentException e) {
          malformed++;
          verdict = new Verdict(false, "", "", "malformed line: " + e.getMessage());
        }
        correct += verdict.correct() ? 1 : 0;
        out.println(json ? jsonLine(line, verdict) : tableLine(line, verdict));
      }
    }
    double accuracy = total == 0 ? 0 : (double) correct / total;
    if (json) {
      ObjectNode summary = JSON.createObjectNode();
      summary
          .putObject("summary")
          .put("total", total)
          .put("correct", correct)
          .put("accuracy", accuracy)
          .put("malformed", malformed);
      out.println(JSON.writeValueAsString(summary));
    } else {
      out.printf(
          "%d of %d correct (%.1f %%), %d malformed%n", correct, total, 100 * accuracy, malformed);
    }
    return malformed == 0 ? 0 : 1;
  }

  private static Verdict judge(AnswerVerifier verifier, String text) {
    JsonNode record;
    try {
      record = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON");
    }
    if (record == null || !record.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String gold = field(record, "gold");
    String pred = field(record, "pred");
    JsonNode finish = record.get("finish_reason");
    if (finish == null || finish.isNull()) {
      return verifier.verify(gold, pred);
    }
    String reason = finish.asText().toLowerCase();
    if (!reason.equals("length") && !reason.equals("eos")) {
      throw new IllegalArgumentException(
          "finish_reason must be \"length\" or \"eos\", got \"" + finish.asText() + "\"");
    }
    if (reason.equals("length")) {
      return verifier.verifyOutput(gold, pred, true);
    }
    return verifier.verify(gold, pred);
  }

  private static String field(JsonNode record, String name) {
    JsonNode value = record.get(name);
    if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
      throw new IllegalArgumentException("missing text field \"" + name + "\"");
    }
    return value.asText();
  }

  private static String jsonLine(int line, Verdict verdict) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("line", line);
    node.put("correct", verdict.correct());
    node.put("gold_parsed", verdict.goldParsed());
    node.put("pred_parsed", verdict.predParsed());
    node.put("reason", verdict.reason());
    return JSON.writeValueAsString(node);
  }

  private static String tableLine(int line, Verdict verdict) {
    return String.format(
        "%5d  %-9s  gold %-20s  pred %-20s  %s",
        line,
        verdict.correct() ? "correct" : "incorrect",
        verdict.goldParsed(),
        verdict.predParsed(),
        verdict.reason());
  }
}
