package dev.brevity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.data.JsonlDatasets;
import dev.brevity.verify.AnswerVerifier;
import dev.brevity.verify.AnswerVerifier.TruncationRule;
import dev.brevity.verify.ExtractionConfig;
import dev.brevity.verify.Verdict;
import java.io.IOException;
import java.io.PrintStream;
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
      "Either side may be a bare answer or a whole completion (answers found as Math-Verify does).",
      "Optional \"category\" and \"expected\" (true|false): the summary counts agreement per category.",
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

  @Option(
      names = "--extraction",
      description =
          "How answers are found in a completion: math-verify (Math-Verify's parse() default,"
              + " the default here) or reward (as the rewards and evaluations read outputs).")
  String extraction = "math-verify";

  @Override
  public Integer call() throws IOException {
    ExtractionConfig config =
        switch (extraction) {
          case "math-verify" -> ExtractionConfig.mathVerify();
          case "reward" -> ExtractionConfig.reward();
          default ->
              throw new picocli.CommandLine.ParameterException(
                  new picocli.CommandLine(this),
                  "--extraction must be math-verify or reward, got " + extraction);
        };
    AnswerVerifier verifier =
        new AnswerVerifier(
            countTruncated ? TruncationRule.COUNTED : TruncationRule.NOT_COUNTED, config);
    PrintStream out = System.out;
    System.setOut(System.err); // whatever a library prints stays out of the results
    try {
      return run(verifier, out);
    } finally {
      System.setOut(out);
    }
  }

  private int run(AnswerVerifier verifier, PrintStream out) throws IOException {
    VerifySummary summary = new VerifySummary();
    for (JsonlDatasets.Line line : JsonlDatasets.lines(in)) {
      Judged judged;
      try {
        judged = judge(verifier, line.text());
      } catch (IllegalArgumentException e) {
        judged =
            new Judged(new Verdict(false, "", "", "malformed line: " + e.getMessage()), null, null);
      }
      summary.add(
          judged.category(),
          judged.verdict().correct(),
          judged.expected(),
          judged.verdict().reason().startsWith("malformed line"));
      out.println(
          json ? jsonLine(line.number(), judged) : tableLine(line.number(), judged.verdict()));
    }
    if (json) {
      out.println(JSON.writeValueAsString(summary.toJson(JSON)));
    } else {
      out.print(summary.toTable());
    }
    return summary.malformed() == 0 ? 0 : 1;
  }

  /** A verdict and the line's optional category and expected verdict. */
  private record Judged(Verdict verdict, String category, Boolean expected) {}

  private static Judged judge(AnswerVerifier verifier, String text) {
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
    JsonNode category = record.get("category");
    JsonNode expected = record.get("expected");
    if (expected != null && !expected.isNull() && !expected.isBoolean()) {
      throw new IllegalArgumentException("\"expected\" must be true or false");
    }
    return new Judged(
        judgeOne(verifier, record, gold, pred),
        category == null || category.isNull() ? null : category.asText(),
        expected == null || expected.isNull() ? null : expected.asBoolean());
  }

  private static Verdict judgeOne(
      AnswerVerifier verifier, JsonNode record, String gold, String pred) {
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

  private static String jsonLine(int line, Judged judged) throws IOException {
    Verdict verdict = judged.verdict();
    ObjectNode node = JSON.createObjectNode();
    node.put("line", line);
    if (judged.category() != null) {
      node.put("category", judged.category());
    }
    if (judged.expected() != null) {
      node.put("expected", judged.expected());
      node.put("agrees", judged.expected() == verdict.correct());
    }
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
