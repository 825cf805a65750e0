package dev.brevity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts {@code brevity verify} ends with: all lines, and per {@code category} when lines have
 * one; agreement with the {@code expected} verdicts when lines give them.
 *
 * <pre>{@code
 * {"summary": {"total": 3, "correct": 2, "accuracy": 0.667, "malformed": 0,
 *   "expected": 3, "agree": 3, "agreement": 1.0,
 *   "categories": {"numbers": {"total": 2, "correct": 1, "expected": 2, "agree": 2, ...}}}}
 * }</pre>
 */
final class VerifySummary {

  private static final class Counts {
    int total;
    int correct;
    int expected;
    int agree;

    void add(boolean isCorrect, Boolean expectedVerdict) {
      total++;
      correct += isCorrect ? 1 : 0;
      if (expectedVerdict != null) {
        expected++;
        agree += expectedVerdict == isCorrect ? 1 : 0;
      }
    }

    void write(ObjectNode node) {
      node.put("total", total).put("correct", correct).put("accuracy", ratio(correct, total));
      if (expected > 0) {
        node.put("expected", expected).put("agree", agree).put("agreement", ratio(agree, expected));
      }
    }
  }

  private final Counts all = new Counts();
  private final Map<String, Counts> categories = new TreeMap<>();
  private int malformed;

  void add(String category, boolean correct, Boolean expected, boolean isMalformed) {
    all.add(correct, expected);
    if (category != null) {
      categories.computeIfAbsent(category, c -> new Counts()).add(correct, expected);
    }
    malformed += isMalformed ? 1 : 0;
  }

  int malformed() {
    return malformed;
  }

  ObjectNode toJson(ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    all.write(summary);
    summary.put("malformed", malformed);
    if (!categories.isEmpty()) {
      ObjectNode byCategory = summary.putObject("categories");
      categories.forEach((name, counts) -> counts.write(byCategory.putObject(name)));
    }
    return root;
  }

  /** The one-line summary, then a per-category table when there are categories. */
  String toTable() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%d of %d correct (%.1f %%), %d malformed%s%n",
                all.correct,
                all.total,
                100 * ratio(all.correct, all.total),
                malformed,
                all.expected == 0
                    ? ""
                    : String.format(
                        "; agrees with expected on %d of %d (%.1f %%)",
                        all.agree, all.expected, 100 * ratio(all.agree, all.expected))));
    if (!categories.isEmpty()) {
      out.append(
          String.format(
              "%-16s %6s %8s %8s %10s%n", "category", "total", "correct", "agree", "agreement"));
      categories.forEach(
          (name, c) ->
              out.append(
                  String.format(
                      "%-16s %6d %8d %8d %9.1f%%%n",
                      name, c.total, c.correct, c.agree, 100 * ratio(c.agree, c.expected))));
    }
    return out.toString();
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
