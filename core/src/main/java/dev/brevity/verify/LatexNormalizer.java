package dev.brevity.verify;

import java.util.regex.Pattern;

/**
 * Rewrites an extracted answer into the LaTeX subset {@link AnswerParser} reads, following
 * Math-Verify's normalisation (latex2sympy2_extended's {@code normalize_latex}: basic LaTeX, units,
 * malformed operators, nits):
 *
 * <pre>{@code
 * \dfrac{1}{2}        → \frac{1}{2}        \left( x \right)   → ( x )
 * \mathrm{e}          → e                  \mathbf{x}         → \text{x}
 * 19, 46, \text{ and } 82 → 19, 46, 82     28 percent         → 28\%
 * 90^\circ            → 90                 \$1,000.99         → 1,000.99
 * 11,\! 111           → 11,111             x \geq 5           → x ≥ 5
 * }</pre>
 */
final class LatexNormalizer {

  private static final Pattern SIZING =
      Pattern.compile("\\\\(?:left|right|mleft|mright|big|Big|bigg|Bigg)[lr]?(?![a-zA-Z])\\.?");
  private static final Pattern SPACING = Pattern.compile("(?<!\\\\)\\\\[,;: ]");
  private static final Pattern WIDE_SPACE =
      Pattern.compile("\\\\(?:displaystyle|quad|qquad|textstyle|limits)(?![a-zA-Z])");
  private static final Pattern TEXT_COMMANDS =
      Pattern.compile(
          "\\\\(?:mathrm|mathit|mathbf|mathsf|textbf|textit|textrm|textnormal|mbox|operatorname|textup|mathbb|boldsymbol)\\s*\\{");
  private static final Pattern ROMAN_CONSTANT =
      Pattern.compile("\\\\(?:mathrm|text)\\{\\s*([ei])\\s*\\}");
  private static final Pattern DEGREES =
      Pattern.compile("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ|°|\\\\degree(?![a-zA-Z])");
  private static final Pattern AND_OR_TEXT =
      Pattern.compile(",?\\s*\\\\text\\{\\s*(?:and|or)\\s*\\}");
  private static final Pattern AND_OR =
      Pattern.compile("(?<![a-zA-Z\\\\])(,?\\s*(?:and|or))(?![a-zA-Z])");
  private static final Pattern PERCENT_WORD =
      Pattern.compile(
          "\\s*(?:\\\\text\\{\\s*(?:percentage|percent|pct)\\s*\\}|\\b(?:percentage|percent|pct)\\b)");
  private static final Pattern CURRENCY =
      Pattern.compile("\\\\\\$|[€£¥₹₽₩]|\\\\(?:euro|pounds)(?![a-zA-Z])");
  private static final Pattern DOTS = Pattern.compile(",?\\s*\\\\[lc]?dots(?![a-zA-Z])");
  private static final Pattern LESS_EQUAL =
      Pattern.compile("\\\\(?:leq?slant|leq?q?|le)(?![a-zA-Z])|<=");
  private static final Pattern GREATER_EQUAL =
      Pattern.compile("\\\\(?:geq?slant|geq?q?|ge)(?![a-zA-Z])|>=");
  private static final Pattern NOT_EQUAL = Pattern.compile("\\\\(?:neq|ne)(?![a-zA-Z])|!=");
  private static final Pattern SET_MEMBERSHIP =
      Pattern.compile("^[a-zA-Z](?:_\\{?\\w+\\}?)?\\s*\\\\in\\s*");

  private LatexNormalizer() {}

  /** The normalised form of an extracted answer. */
  static String clean(String raw) {
    String s = BoxedAnswer.allOrSelf(raw.strip());
    s = s.replaceAll("\\\\[dtc]frac(?![a-zA-Z])", "\\\\frac");
    s = SIZING.matcher(s).replaceAll("");
    s = WIDE_SPACE.matcher(s).replaceAll(" ");
    s = s.replaceAll("\\s*\\{\\s*,\\s*\\}\\s*", ",");
    s = s.replaceAll("\\\\!\\s*", "");
    s = SPACING.matcher(s).replaceAll(" ").replace("~", " ");
    s = ROMAN_CONSTANT.matcher(s).replaceAll("$1");
    s = TEXT_COMMANDS.matcher(s).replaceAll("\\\\text{");
    s = s.replaceAll("\\\\text\\s*\\{\\s*\\}", "");
    s = DEGREES.matcher(s).replaceAll("");
    s = AND_OR_TEXT.matcher(s).replaceAll(",");
    s = AND_OR.matcher(s).replaceAll(",");
    s = PERCENT_WORD.matcher(s).replaceAll("\\\\%");
    s = CURRENCY.matcher(s).replaceAll("");
    s = DOTS.matcher(s).replaceAll(" ");
    s = s.replace("\\approx", "≈").replace("\\simeq", "≈").replace("\\sim", "≈");
    s = LESS_EQUAL.matcher(s).replaceAll("≤");
    s = GREATER_EQUAL.matcher(s).replaceAll("≥");
    s = NOT_EQUAL.matcher(s).replaceAll("≠");
    s = s.replaceAll("\\\\lt(?![a-zA-Z])", "<").replaceAll("\\\\gt(?![a-zA-Z])", ">");
    s =
        s.replace("\\infinity", "\\infty")
            .replaceAll("(?<![\\\\a-zA-Z])infinity|(?<![\\\\a-zA-Z])inf(?![a-zA-Z])", "\\\\infty");
    s = s.replace("\\emptyset", "\\{\\}").replace("\\varnothing", "\\{\\}");
    s = s.replace("\\lbrace", "\\{").replace("\\rbrace", "\\}");
    return stripDelimiters(s.strip());
  }

  /** {@code x \in [0, 1)} → {@code [0, 1)}. */
  static String dropMembership(String s) {
    return SET_MEMBERSHIP.matcher(s).replaceFirst("");
  }

  private static String stripDelimiters(String text) {
    String s = text;
    while (true) {
      String before = s;
      if (s.startsWith("$") && s.endsWith("$") && s.length() > 1) {
        s = s.substring(1, s.length() - 1).strip();
      }
      if ((s.startsWith("\\(") && s.endsWith("\\)"))
          || (s.startsWith("\\[") && s.endsWith("\\]"))) {
        s = s.substring(2, s.length() - 2).strip();
      }
      if (s.startsWith("$")) {
        s = s.substring(1).strip(); // a leading dollar sign: currency
      }
      if (s.endsWith("$") && !s.endsWith("\\$")) {
        s = s.substring(0, s.length() - 1).strip(); // 1,000.99$
      }
      if ((s.endsWith(".") || s.endsWith(",") || s.endsWith(";")) && !s.endsWith("..")) {
        s = s.substring(0, s.length() - 1).strip();
      }
      if (s.equals(before)) {
        return s;
      }
    }
  }
}
