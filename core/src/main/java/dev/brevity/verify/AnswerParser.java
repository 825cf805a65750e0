package dev.brevity.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises a final answer as written in benchmarks and model outputs, and parses it into an
 * {@link Answer}. The rules, in order:
 *
 * <ol>
 *   <li>drop math delimiters ({@code $ \( \[}), spacing ({@code \, \! \quad ~}), {@code \left
 *       \right}, {@code \displaystyle}, currency {@code \$}, degree signs, a final full stop;
 *       {@code \dfrac} and {@code \tfrac} are {@code \frac};
 *   <li>{@code x = 5} is {@code 5} (a single variable on the left);
 *   <li>{@code A \cup B} is a union; {@code \{…\}} a set; a bracketed list with a top-level comma a
 *       tuple or interval; a bare comma list an unordered list (thousands separators excepted);
 *   <li>{@code \text{…}} alone is text; after a number it is a unit and dropped, like plain unit
 *       words ({@code 5 cm});
 *   <li>{@code %} marks a percentage;
 *   <li>numbers: integers with thousands separators, decimals, scientific notation ({@code 1.5e3},
 *       {@code 1.5\times10^{3}}), fractions ({@code \frac{3}{4}}, {@code \frac34}, {@code 3/4}),
 *       mixed numbers ({@code 2\frac{1}{2}}, {@code 2 1/2});
 *   <li>anything else is an expression for the computer-algebra system, or text if it is words.
 * </ol>
 */
final class AnswerParser {

  private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern FRACTION =
      Pattern.compile("([+-]?)\\\\frac\\{([+-]?[\\d.]+)\\}\\{([+-]?[\\d.]+)\\}");
  private static final Pattern SHORT_FRACTION = Pattern.compile("([+-]?)\\\\frac(\\d)(\\d)");
  private static final Pattern SLASH_FRACTION = Pattern.compile("([+-]?[\\d.]+)/([\\d.]+)");
  private static final Pattern MIXED_LATEX =
      Pattern.compile("([+-]?)(\\d+)\\s*\\\\frac(?:\\{(\\d+)\\}\\{(\\d+)\\}|(\\d)(\\d))");
  private static final Pattern MIXED_PLAIN = Pattern.compile("([+-]?)(\\d+)\\s+(\\d+)/(\\d+)");
  private static final Pattern SCIENTIFIC =
      Pattern.compile("([+-]?[\\d.]+)\\s*(?:\\\\times|\\\\cdot|\\*|x)\\s*10\\^\\{?([+-]?\\d+)\\}?");
  private static final Pattern POWER_OF_TEN = Pattern.compile("10\\^\\{?([+-]?\\d+)\\}?");
  private static final Pattern WHOLE_TEXT = Pattern.compile("\\\\text\\{([^{}]*)\\}");
  private static final Pattern UNIT_TEXT = Pattern.compile("\\\\text\\{[^{}]*\\}");
  private static final Pattern NUMBER_WITH_UNIT =
      Pattern.compile("([+-]?[\\d.,]+)\\s+(?:[a-zA-Z]+\\.?\\s*)+");
  private static final Pattern VARIABLE =
      Pattern.compile("[a-zA-Z](_\\{?[\\w]+\\}?)?|\\\\[a-zA-Z]+");
  private static final Pattern WORDS = Pattern.compile("[A-Za-z][A-Za-z .'-]*");

  private AnswerParser() {}

  /**
   * @throws IllegalArgumentException with the reason when the text is empty or malformed
   */
  static Answer parse(String raw) {
    String s = clean(raw);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty answer");
    }
    checkBalanced(s);
    s = rightHandSide(s);

    List<String> union = splitTopLevel(s, "\\cup");
    if (union.size() > 1) {
      return new Answer.Collection("union", union.stream().map(AnswerParser::parse).toList());
    }
    if (s.startsWith("\\{") && s.endsWith("\\}")) {
      return new Answer.Collection("set", items(s.substring(2, s.length() - 2)));
    }
    if (isBracketed(s)) {
      String inner = s.substring(1, s.length() - 1);
      List<String> parts = splitTopLevel(inner, ",");
      if (parts.size() > 1) {
        return new Answer.Sequence(s.charAt(0), s.charAt(s.length() - 1), items(inner));
      }
      if (s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
        return parse(inner);
      }
    }
    if (!THOUSANDS.matcher(s).matches() && splitTopLevel(s, ",").size() > 1) {
      return new Answer.Collection("list", items(s));
    }

    Matcher wholeText = WHOLE_TEXT.matcher(s);
    if (wholeText.matches()) {
      return new Answer.Text(wholeText.group(1).strip());
    }
    s = UNIT_TEXT.matcher(s).replaceAll("").strip();
    Matcher withUnit = NUMBER_WITH_UNIT.matcher(s);
    if (withUnit.matches()) {
      s = withUnit.group(1);
    }
    boolean percent = s.endsWith("\\%") || s.endsWith("%");
    if (percent) {
      s = s.substring(0, s.length() - (s.endsWith("\\%") ? 2 : 1)).strip();
    }
    Optional<Rational> number = number(s);
    if (number.isPresent()) {
      return new Answer.Number(number.get(), percent);
    }
    if (WORDS.matcher(s).matches() && (s.length() > 2 || s.contains(" "))) {
      return new Answer.Text(s); // two letters are a product of variables (ab), not a word
    }
    try {
      return new Answer.Expression(s, LatexToInfix.convert(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot parse '" + s + "': " + e.getMessage(), e);
    }
  }

  /** Delimiters, spacing, sizing, currency and degree signs removed; \dfrac → \frac. */
  static String clean(String raw) {
    String s = raw.strip();
    s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac");
    s = s.replaceAll("\\\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])", "");
    s = s.replaceAll("\\\\(?:displaystyle|quad|qquad)(?![a-zA-Z])", " ");
    s = s.replaceAll("\\\\[,!;: ]", " ").replace("~", " ");
    s = s.replaceAll("\\\\(?:mathrm|textbf|mbox|textrm|mathbf)\\{", "\\\\text{");
    s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("\\circ", "").replace("°", "");
    s = s.replace("\\degree", "").replace("{,}", ",").replace("\\$", "");
    s = s.strip();
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
      if (s.endsWith(".") && !s.endsWith("..")) {
        s = s.substring(0, s.length() - 1).strip();
      }
      if (s.equals(before)) {
        return s;
      }
    }
  }

  private static List<Answer> items(String inner) {
    List<Answer> items = new ArrayList<>();
    for (String part : splitTopLevel(inner, ",")) {
      items.add(parse(part));
    }
    return items;
  }

  /** {@code x = 5} → {@code 5}: the right side when the left is one variable. */
  private static String rightHandSide(String s) {
    List<String> sides = splitTopLevel(s, "=");
    if (sides.size() == 2 && VARIABLE.matcher(sides.get(0).strip()).matches()) {
      return sides.get(1).strip();
    }
    return s;
  }

  /** Starts with ( or [ whose bracket closes at the very end (so [1, 2) is bracketed). */
  private static boolean isBracketed(String s) {
    if (s.length() < 2
        || "([".indexOf(s.charAt(0)) < 0
        || ")]".indexOf(s.charAt(s.length() - 1)) < 0) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0 && i < s.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  /** Splits at {@code separator} outside any brackets or braces. */
  static List<String> splitTopLevel(String s, String separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && s.startsWith(separator, i)) {
        boolean escaped = i > 0 && s.charAt(i - 1) == '\\' && separator.length() == 1;
        if (!escaped) {
          parts.add(s.substring(start, i).strip());
          start = i + separator.length();
          i = start - 1;
        }
      }
    }
    parts.add(s.substring(start).strip());
    return parts;
  }

  private static void checkBalanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth < 0) {
        break;
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("unbalanced braces in '" + s + "'");
    }
  }

  /** The exact value of a plainly written number, if {@code s} is one. */
  static Optional<Rational> number(String text) {
    String s = text.replace(" ", "");
    if (THOUSANDS.matcher(s).matches()) {
      s = s.replace(",", "");
    }
    Optional<Rational> decimal = Rational.parseDecimal(s);
    if (decimal.isPresent()) {
      return decimal;
    }
    Matcher m = MIXED_LATEX.matcher(text.strip());
    if (m.matches()) {
      boolean braced = m.group(3) != null;
      return Optional.of(
          signed(m.group(1), mixed(m.group(2), m.group(braced ? 3 : 5), m.group(braced ? 4 : 6))));
    }
    m = MIXED_PLAIN.matcher(text.strip());
    if (m.matches()) {
      return Optional.of(signed(m.group(1), mixed(m.group(2), m.group(3), m.group(4))));
    }
    m = FRACTION.matcher(s);
    if (!m.matches()) {
      m = SHORT_FRACTION.matcher(s);
    }
    if (m.matches()) {
      String sign = m.group(1);
      return fraction(m.group(2), m.group(3)).map(f -> signed(sign, f));
    }
    Matcher slash = SLASH_FRACTION.matcher(s);
    if (slash.matches()) {
      return fraction(slash.group(1), slash.group(2));
    }
    Matcher scientific = SCIENTIFIC.matcher(s);
    if (scientific.matches()) {
      return Rational.parseDecimal(scientific.group(1) + "e" + scientific.group(2));
    }
    Matcher power = POWER_OF_TEN.matcher(s);
    if (power.matches()) {
      return Rational.parseDecimal("1e" + power.group(1));
    }
    return Optional.empty();
  }

  private static Optional<Rational> fraction(String numerator, String denominator) {
    Optional<Rational> top = Rational.parseDecimal(numerator);
    Optional<Rational> bottom = Rational.parseDecimal(denominator);
    if (top.isEmpty() || bottom.isEmpty() || bottom.get().numerator().signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(top.get().divide(bottom.get()));
  }

  private static Rational mixed(String whole, String numerator, String denominator) {
    return new Rational(new BigInteger(whole), BigInteger.ONE)
        .add(new Rational(new BigInteger(numerator), new BigInteger(denominator)));
  }

  private static Rational signed(String sign, Rational value) {
    return sign.equals("-") ? value.negate() : value;
  }
}
