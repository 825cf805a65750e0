package dev.brevity.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one extracted answer, after {@link LatexNormalizer}, into an {@link Answer}. The forms, in
 * the order they are recognised:
 *
 * <ol>
 *   <li>a matrix or vector: {@code \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}} (also {@code
 *       bmatrix}, {@code matrix}, {@code array});
 *   <li>a relation: {@code x = 2}, {@code 2x + 4y - 3 = 0}, {@code 1 < x ≤ 3}; a chain {@code x = 5
 *       + 6 = 11} keeps its ends; {@code a ≈ b} is {@code b} when {@code a} is a variable, else
 *       {@code a};
 *   <li>a union {@code A \cup B}; a set {@code \{1, 2\}}; a tuple or interval {@code (1, 2]}; a
 *       bare list {@code 1, 2} ({@code 1,000} is a number); {@code a \pm b} is the set {@code
 *       \{a+b, a-b\}};
 *   <li>{@code \text{…}} alone is text; after a number it is a unit and dropped, like unit words
 *       ({@code 5 cm});
 *   <li>{@code %} marks a percentage; then a number ({@link NumberParser});
 *   <li>words are text ({@code Monday}); anything else an expression for the algebra system.
 * </ol>
 *
 * @throws IllegalArgumentException from {@link #parse} with the reason an answer cannot be read
 */
final class AnswerParser {

  private static final int MAX_LENGTH = 2_000;
  private static final int MAX_DEPTH = 50;
  private static final Pattern MATRIX =
      Pattern.compile(
          "\\\\begin\\{([pbvBV]?matrix|array|smallmatrix)\\}(?:\\{[lcr|]*\\})?(.*)\\\\end\\{\\1\\}",
          Pattern.DOTALL);
  private static final Pattern WHOLE_TEXT = Pattern.compile("\\\\text\\{([^{}]*)\\}");
  private static final Pattern UNIT_TEXT =
      Pattern.compile("\\\\text\\{[^{}]*\\}(?:\\^\\{?\\d\\}?)?");
  private static final Pattern NUMBER_WITH_UNIT =
      Pattern.compile("([+-]?[\\d.,]+(?:\\\\%)?)\\s+(?:[a-zA-Z]+\\.?\\s*)+(?:\\^\\{?\\d\\}?|²|³)?");
  private static final Pattern SYMBOLS =
      Pattern.compile("(?:[a-zA-Z](?:_\\{?\\w+\\}?)?|\\\\[a-zA-Z]+)+");
  private static final Pattern WORDS = Pattern.compile("[A-Za-z][A-Za-z .'-]*");
  private static final Pattern PROSE = Pattern.compile("[A-Za-z]{2,}(?:\\s+[A-Za-z]{2,}){2,}");
  private static final String RELATIONS = "=<>≤≥≠≈";

  private AnswerParser() {}

  /** An extracted LaTeX answer. */
  static Answer parse(String raw) {
    String s = LatexNormalizer.clean(raw);
    if (s.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("answer longer than " + MAX_LENGTH + " characters");
    }
    return parse(s, 0);
  }

  /**
   * A plain number or arithmetic found outside LaTeX ({@code 1000.99}, {@code 1/2}, {@code (9+1)}),
   * percent when it was followed by %, "percent" or "pct".
   */
  static Answer parsePlain(String text, boolean percent) {
    Optional<NumberParser.Read> number = NumberParser.read(text);
    if (number.isPresent()) {
      return new Answer.Number(number.get().value(), percent, number.get().decimal());
    }
    String latex = text.replace("**", "^").replace("×", "*").replace("÷", "/");
    return new Answer.Expression(latex, LatexToInfix.convert(latex));
  }

  private static Answer parse(String text, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested more than " + MAX_DEPTH + " levels deep");
    }
    String s = LatexNormalizer.dropMembership(text.strip());
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty answer");
    }
    checkBalanced(s);
    Matcher matrix = MATRIX.matcher(unbracket(s));
    if (matrix.matches()) {
      return matrix(matrix.group(2), depth);
    }
    Optional<Answer> relation = relation(s, depth);
    if (relation.isPresent()) {
      return relation.get();
    }
    List<String> union = Splitter.topLevel(s, "\\cup");
    if (union.size() > 1) {
      List<Answer> parts = items(union, depth);
      if (parts.stream()
          .allMatch(p -> p instanceof Answer.Collection c && c.kind().equals("set"))) {
        List<Answer> merged = new ArrayList<>(); // {1,3} \cup {2,4} is {1,2,3,4}
        for (Answer part : parts) {
          for (Answer item : ((Answer.Collection) part).items()) {
            if (merged.stream().noneMatch(m -> m.canonical().equals(item.canonical()))) {
              merged.add(item);
            }
          }
        }
        return new Answer.Collection("set", merged);
      }
      return new Answer.Collection("union", parts);
    }
    if (s.startsWith("\\{") && s.endsWith("\\}") && Splitter.isWrapped(s, 2)) {
      String inner = s.substring(2, s.length() - 2).strip();
      return new Answer.Collection(
          "set", inner.isEmpty() ? List.of() : items(Splitter.topLevel(inner, ","), depth));
    }
    if (s.startsWith("{") && s.endsWith("}") && Splitter.isWrapped(s, 1)) {
      String inner = s.substring(1, s.length() - 1);
      List<String> parts = Splitter.topLevel(inner, ",");
      return parts.size() > 1
          ? new Answer.Collection("set", items(parts, depth))
          : parse(inner, depth + 1);
    }
    if (Splitter.isBracketed(s)) {
      String inner = s.substring(1, s.length() - 1);
      List<String> parts = Splitter.topLevel(inner, ",");
      if (parts.size() > 1) {
        return new Answer.Sequence(s.charAt(0), s.charAt(s.length() - 1), items(parts, depth));
      }
      if (s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
        return parse(inner, depth + 1);
      }
    }
    List<String> list = Splitter.topLevel(s, ",");
    if (!NumberParser.isThousands(s) && list.size() > 1) {
      return new Answer.Collection("list", items(list, depth));
    }
    List<String> plusMinus = Splitter.topLevel(s, "\\pm");
    if (plusMinus.size() == 2 && !plusMinus.get(1).isEmpty()) {
      String a = plusMinus.get(0).isEmpty() ? "0" : plusMinus.get(0);
      String b = "(" + plusMinus.get(1) + ")";
      return new Answer.Collection(
          "set", List.of(parse(a + "+" + b, depth + 1), parse(a + "-" + b, depth + 1)));
    }
    return scalar(s);
  }

  /** A number, a percentage, text or an expression. */
  private static Answer scalar(String text) {
    String s = text;
    Matcher wholeText = WHOLE_TEXT.matcher(s);
    if (wholeText.matches()) {
      return new Answer.Text(wholeText.group(1).strip());
    }
    String withoutUnits = UNIT_TEXT.matcher(s).replaceAll("").strip();
    if (!withoutUnits.isEmpty()) {
      s = withoutUnits;
    }
    Matcher withUnit = NUMBER_WITH_UNIT.matcher(s);
    if (withUnit.matches()) {
      s = withUnit.group(1);
    }
    boolean percent = s.endsWith("\\%") || s.endsWith("%");
    if (percent) {
      s = s.substring(0, s.length() - (s.endsWith("\\%") ? 2 : 1)).strip();
    }
    Optional<NumberParser.Read> number = NumberParser.read(s);
    if (number.isPresent()) {
      return new Answer.Number(number.get().value(), percent, number.get().decimal());
    }
    if (WORDS.matcher(s).matches() && (s.length() > 2 || s.contains(" "))) {
      return new Answer.Text(s); // two letters are a product of variables (ab), not a word
    }
    if (PROSE.matcher(s.replaceAll("\\\\[a-zA-Z]+", " ")).find()) {
      throw new IllegalArgumentException("prose, not an answer: '" + abbreviate(s) + "'");
    }
    try {
      String infix = LatexToInfix.convert(s);
      return new Answer.Expression(s, percent ? "(" + infix + ")/100" : infix);
    } catch (IllegalArgumentException | StackOverflowError e) {
      throw new IllegalArgumentException(
          "cannot parse '" + abbreviate(s) + "': " + e.getMessage(), e);
    }
  }

  /**
   * An equation or inequality, or its one meaningful side: a chain {@code x = 5+6 = 11} is {@code x
   * = 11}; a chain not starting with a variable is its last side (Math-Verify's {@code
   * get_last_eq}); {@code x ≈ 3.14} is {@code 3.14}; {@code \frac{1}{3} ≈ 0.33} is {@code 1/3}.
   */
  private static Optional<Answer> relation(String s, int depth) {
    List<String> approx = Splitter.topLevel(s, "≈");
    if (approx.size() > 1) {
      String left = approx.get(0);
      List<String> leftSides = Splitter.relationSides(left, RELATIONS).sides();
      boolean assignment = SYMBOLS.matcher(leftSides.get(leftSides.size() - 1)).matches();
      String kept = assignment ? left + "=" + approx.get(approx.size() - 1) : left;
      return Optional.of(parse(kept, depth + 1));
    }
    Splitter.Relation split = Splitter.relationSides(s, RELATIONS);
    if (split.relations().isEmpty()) {
      return Optional.empty();
    }
    List<String> sides = split.sides();
    if (sides.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("a relation with an empty side: '" + abbreviate(s) + "'");
    }
    boolean equations = split.relations().stream().allMatch("="::equals);
    if (equations && sides.size() > 2) {
      if (!SYMBOLS.matcher(sides.get(0)).matches() || s.contains(",")) {
        return Optional.of(parse(sides.get(sides.size() - 1), depth + 1));
      }
      sides = List.of(sides.get(0), sides.get(sides.size() - 1));
      split = new Splitter.Relation(sides, List.of("="));
    }
    List<Answer> parsed = new ArrayList<>();
    for (String side : sides) {
      parsed.add(parse(side, depth + 1));
    }
    return Optional.of(new Answer.Relation(parsed, split.relations()));
  }

  /** Whether a parsed side is only variables ({@code x}, {@code k}, {@code a_1}): an assignment. */
  static boolean isSymbols(Answer answer) {
    return answer instanceof Answer.Expression e && SYMBOLS.matcher(e.source().strip()).matches();
  }

  private static Answer matrix(String body, int depth) {
    List<List<Answer>> rows = new ArrayList<>();
    for (String row : Splitter.topLevel(body, "\\\\")) {
      if (row.isBlank()) {
        continue;
      }
      List<Answer> cells = new ArrayList<>();
      for (String cell : Splitter.topLevel(row, "&")) {
        cells.add(parse(cell, depth + 1));
      }
      rows.add(cells);
    }
    if (rows.isEmpty() || rows.stream().anyMatch(r -> r.size() != rows.get(0).size())) {
      throw new IllegalArgumentException("a matrix with rows of different lengths");
    }
    return new Answer.Matrix(rows);
  }

  /** {@code (\begin{pmatrix}…\end{pmatrix})} and {@code [\begin{array}…\end{array}]} unwrapped. */
  private static String unbracket(String s) {
    if (s.length() > 2 && Splitter.isBracketed(s) && s.substring(1).strip().startsWith("\\begin")) {
      return s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  private static List<Answer> items(List<String> parts, int depth) {
    List<Answer> items = new ArrayList<>();
    for (String part : parts) {
      items.add(parse(part, depth + 1));
    }
    return items;
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
      throw new IllegalArgumentException("unbalanced braces in '" + abbreviate(s) + "'");
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
