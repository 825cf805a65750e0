package dev.brevity.verify;

import dev.brevity.verify.ExtractionConfig.CommaRule;
import dev.brevity.verify.ExtractionConfig.Expr;
import dev.brevity.verify.ExtractionConfig.Latex;
import dev.brevity.verify.ExtractionConfig.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the candidate final answers in a whole completion, best first, as Math-Verify's {@code
 * parse()} does (github.com/huggingface/Math-Verify, {@code parser.py}): patterns by priority (see
 * {@link ExtractionConfig}), and within one priority the match that ends last first. The caller
 * takes the first candidate that parses.
 *
 * <pre>{@code
 * candidates("… so $x = 2$. Final Answer: The final answer is $\frac{1}{2}$. I hope it is correct.")
 *   → [\frac{1}{2} (final answer is … I hope), …]
 * candidates("To find the cost … the final answer is 7.78.") → [7.78 (final answer is), …]
 * }</pre>
 */
final class AnswerExtractor {

  /** One piece of an answer: LaTeX or a plain number/expression, maybe with a percent sign. */
  record Part(String text, boolean percent, boolean plain) {}

  /**
   * A candidate answer: one part, or several joined by "and", "or" or commas (a set).
   *
   * @param source which pattern found it ("boxed", "final answer is", "answer", "latex", …)
   */
  record Candidate(List<Part> parts, String source) {}

  private record Found(int priority, int start, int end, Candidate candidate) {}

  private record Rule(Pattern pattern, int priority, String source, boolean plain) {}

  private static final int CHAINED = 5;
  private static final String[] ALTERNATIVES = {"d", "b", "i", "p", "s", "f"};
  private static final Map<ExtractionConfig, List<Rule>> RULES = new ConcurrentHashMap<>();

  private AnswerExtractor() {}

  /** Every candidate answer in {@code text}, in the order they should be tried. */
  static List<Candidate> candidates(String text, ExtractionConfig config) {
    List<Found> found = new ArrayList<>();
    for (Rule rule : RULES.computeIfAbsent(config, AnswerExtractor::rules)) {
      Matcher m = rule.pattern.matcher(text);
      while (m.find()) {
        Candidate c = rule.plain ? plain(m, rule.source, config.comma()) : latex(m, rule.source);
        if (c != null) {
          found.add(new Found(rule.priority, m.start(), m.end(), c));
        }
      }
    }
    for (Target target : config.targets()) {
      if (target instanceof Latex latex && latex.boxedPriority() >= 0) {
        BoxedAnswer.lastGroup(text)
            .ifPresent(
                b ->
                    found.add(
                        new Found(
                            latex.boxedPriority(),
                            b.start(),
                            b.end(),
                            new Candidate(List.of(new Part(b.content(), false, false)), "boxed"))));
      }
    }
    found.sort(
        Comparator.comparingInt(Found::priority)
            .thenComparing(Comparator.comparingInt(Found::end).reversed())
            .thenComparingInt(Found::start));
    return found.stream().map(Found::candidate).toList();
  }

  private static List<Rule> rules(ExtractionConfig config) {
    List<Rule> rules = new ArrayList<>();
    for (Target target : config.targets()) {
      if (target instanceof Latex latex) {
        String envs = chainedEnvironments();
        addAnchored(rules, envs, latex.withoutAnchor(), "(?s)", false);
      } else if (target instanceof Expr expr) {
        addAnchored(rules, exprOrNumber(config.comma()), false, "", true);
        if (expr.withoutAnchor()) {
          rules.add(new Rule(Pattern.compile(exprWithAnchors()), 300, "expression", true));
          rules.add(
              new Rule(Pattern.compile(numberWithAnchors(config.comma())), 300, "number", true));
        }
      }
    }
    return rules;
  }

  /** The five anchored priorities of Math-Verify, then (optionally) the bare pattern at 300. */
  private static void addAnchored(
      List<Rule> rules, String answer, boolean withoutAnchor, String flags, boolean plain) {
    String tail = plain ? "(?!\\s*=)" : "";
    String toAnswer = plain ? "(?:.{0,100}=\\s*|.{0,50}?)" : ".{0,50}?";
    rules.add(
        rule(
            flags + "(?i:final answer is):?\\s*" + answer + "\\.?\\s?I hope",
            0,
            "final answer is",
            plain));
    rules.add(
        rule(
            flags + "(?i:final answer.{0,100}?)\\s+is:?\\s*" + answer,
            50,
            "final answer is",
            plain));
    rules.add(rule(flags + "(?i:answer):" + toAnswer + answer + tail, 100, "answer:", plain));
    rules.add(rule(flags + "(?i:answer)" + toAnswer + answer + tail, 200, "answer", plain));
    if (withoutAnchor) {
      rules.add(rule(flags + answer, 300, plain ? "expression" : "latex", plain));
    }
  }

  private static Rule rule(String regex, int priority, String source, boolean plain) {
    return new Rule(Pattern.compile(regex), priority, source, plain);
  }

  /**
   * A math environment, its content in group {@code <prefix><alternative>}, then a percent sign.
   */
  static String environment(String p) {
    String number = "-?\\d+(?:[.,]\\d+)?";
    String[] patterns = {
      "(?<!\\\\)\\$\\$(?<" + p + "d>[^$]*+(?:\\$(?!\\$)[^$]*+)*+)\\$\\$",
      "(?<!\\\\)\\\\\\[(?<" + p + "b>[^\\\\]*+(?:\\\\(?!\\])[^\\\\]*+)*+)\\\\\\]",
      "(?<![\\\\\\d])\\$(?<" + p + "i>(?:[^\\n$\\\\]++|\\\\[^\\n])++)\\$",
      "(?<!\\\\)\\\\\\((?<" + p + "p>(?:[^\\\\\\n]++|\\\\(?!\\)))++)\\\\\\)",
      "\\s\\[(?<" + p + "s>[^\\n\\]\\[]++)\\]\\s",
      "(?<" + p + "f>-?\\\\frac\\{" + number + "\\}\\{" + number + "\\})"
    };
    return "(?:(?:"
        + String.join("|", patterns)
        + ")\\s*(?<"
        + p
        + "pct>\\\\?%|[Pp]ercentage|[Pp]ercent|[Pp]ct)?)";
  }

  /** Up to six environments joined by "and", "or" or commas (Math-Verify's oxford-comma lists). */
  private static String chainedEnvironments() {
    StringBuilder regex = new StringBuilder(environment("e0"));
    for (int k = 1; k <= CHAINED; k++) {
      regex.append("(?:\\s*(?:,?and|,?or|,)\\s*").append(environment("e" + k)).append(")?");
    }
    return "(?:" + regex + ")";
  }

  private static Candidate latex(Matcher m, String source) {
    List<Part> parts = new ArrayList<>();
    for (int k = 0; k <= CHAINED; k++) {
      for (String alternative : ALTERNATIVES) {
        String content = m.group("e" + k + alternative);
        if (content != null) {
          parts.add(
              new Part(
                  BoxedAnswer.allOrSelf(content.strip()), m.group("e" + k + "pct") != null, false));
          break;
        }
      }
    }
    return parts.isEmpty() ? null : new Candidate(parts, source);
  }

  // ---- plain numbers and expressions (ExprExtractionConfig) ----

  private static final String CURRENCY = "$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₭₮₯₰₱₲₳₴₵₶₷₸₺₻₼₾₿";
  private static final String OPERATORS = "+\\-*×/^()÷";
  private static final String EXPR_CHARS = "[\\d.\\s" + OPERATORS + "]";
  private static final String PREFIX = "(?:^|\\s|=)(?:\\*\\*)?";
  private static final String SUFFIX = "(?:\\*\\*)?(?:\\.|,|:|\\s|\\)|\\$|$)";

  private static String number(CommaRule comma) {
    String thousands = comma == CommaRule.DECIMAL ? "[ ]" : "[ ,]";
    String decimal = comma == CommaRule.THOUSANDS ? "[.]" : "[.,]";
    return "(?<!\\d)(?:(?<int1>-?[1-9]\\d{0,2}(?:"
        + thousands
        + "\\d{3})+)(?<dec1>\\.\\d+)?|(?<int2>-?\\d+)(?<dec2>"
        + decimal
        + "\\d+)|(?<dec3>\\.\\d+)|(?<int3>-?\\d+))"
        + "(?<pct>\\s*(?:%|[Pp]ercent|\\s*[Pp]ercentage|\\s*[Pp]ct))?";
  }

  private static String expression() {
    return "(?<expr>-?\\(?-?\\d" + EXPR_CHARS + "*[" + OPERATORS + "]" + EXPR_CHARS + "+\\)?)";
  }

  private static String exprWithAnchors() {
    return "(?:" + PREFIX + expression() + SUFFIX + ")";
  }

  private static String numberWithAnchors(CommaRule comma) {
    return "(?:" + PREFIX + "[" + Pattern.quote(CURRENCY) + "]?" + number(comma) + ")";
  }

  private static String exprOrNumber(CommaRule comma) {
    return "(?:" + exprWithAnchors() + "|" + numberWithAnchors(comma) + ")";
  }

  private static Candidate plain(Matcher m, String source, CommaRule comma) {
    String integer = firstGroup(m, "int1", "int2", "int3");
    String decimal = firstGroup(m, "dec1", "dec2", "dec3");
    if (integer != null || decimal != null) {
      String whole = integer == null ? "" : integer.replace(",", "").replace(" ", "");
      boolean negative = whole.startsWith("-");
      whole = whole.replaceFirst("^-?0*", "");
      String text =
          (negative ? "-" : "")
              + (whole.isEmpty() ? "0" : whole)
              + (decimal == null ? "" : decimal.replace(",", "."));
      return new Candidate(List.of(new Part(text, m.group("pct") != null, true)), source);
    }
    String expr = group(m, "expr");
    if (expr != null) {
      return new Candidate(List.of(new Part(expr.replace("\n", " ").strip(), false, true)), source);
    }
    return null;
  }

  private static String firstGroup(Matcher m, String... names) {
    for (String name : names) {
      String value = group(m, name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String group(Matcher m, String name) {
    try {
      return m.group(name);
    } catch (IllegalArgumentException e) {
      return null; // this pattern has no such group
    }
  }
}
