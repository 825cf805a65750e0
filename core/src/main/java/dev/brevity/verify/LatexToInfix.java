package dev.brevity.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a LaTeX math answer into the infix syntax of the computer-algebra system (Symja):
 * {@code 2\sqrt{2}} → {@code 2*Sqrt(2)}, {@code \frac{x^2-1}{x-1}} → {@code ((x^(2)-1)/(x-1))},
 * {@code \sin^2 x} → {@code Sin(x)^(2)}. Juxtaposition is multiplication ({@code 2x}, {@code xy});
 * {@code e}, {@code i} and {@code \pi} are the constants.
 *
 * @throws IllegalArgumentException from {@link #convert} for input it does not understand
 */
final class LatexToInfix {

  private static final Map<String, String> FUNCTIONS =
      Map.ofEntries(
          Map.entry("sin", "Sin"),
          Map.entry("cos", "Cos"),
          Map.entry("tan", "Tan"),
          Map.entry("cot", "Cot"),
          Map.entry("sec", "Sec"),
          Map.entry("csc", "Csc"),
          Map.entry("arcsin", "ArcSin"),
          Map.entry("arccos", "ArcCos"),
          Map.entry("arctan", "ArcTan"),
          Map.entry("ln", "Log"),
          Map.entry("log", "Log10"),
          Map.entry("exp", "Exp"));

  private static final Map<String, String> CONSTANTS =
      Map.of("pi", "Pi", "infty", "Infinity", "e", "E", "i", "I");

  private static final Set<String> GREEK =
      Set.of(
          "alpha",
          "beta",
          "gamma",
          "delta",
          "theta",
          "lambda",
          "mu",
          "sigma",
          "phi",
          "omega",
          "tau",
          "rho",
          "epsilon",
          "varepsilon",
          "varphi",
          "eta",
          "kappa",
          "nu",
          "xi",
          "psi",
          "chi",
          "zeta");

  private static final Set<String> TIMES = Set.of("cdot", "times", "ast");

  private final List<String> tokens;
  private int position;

  private LatexToInfix(List<String> tokens) {
    this.tokens = tokens;
  }

  /** The infix form of {@code latex}. */
  static String convert(String latex) {
    LatexToInfix parser = new LatexToInfix(tokenize(latex));
    String infix = parser.expression(null);
    if (parser.position < parser.tokens.size()) {
      throw new IllegalArgumentException("unexpected '" + parser.tokens.get(parser.position) + "'");
    }
    if (infix.isEmpty()) {
      throw new IllegalArgumentException("empty expression");
    }
    return infix;
  }

  /** Commands ({@code \frac}), single characters; digits each on their own. */
  private static List<String> tokenize(String latex) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < latex.length()) {
      char c = latex.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\\') {
        int end = i + 1;
        while (end < latex.length() && Character.isLetter(latex.charAt(end))) {
          end++;
        }
        if (end == i + 1 && end < latex.length()) {
          end++; // \{ \, \% …
        }
        tokens.add(latex.substring(i, end));
        i = end;
      } else {
        tokens.add(String.valueOf(c));
        i++;
      }
    }
    return tokens;
  }

  /** Everything up to {@code closing} (consumed), or to the end when null. */
  private String expression(String closing) {
    StringBuilder out = new StringBuilder();
    boolean operandEnded = false;
    while (position < tokens.size()) {
      String token = tokens.get(position);
      if (token.equals(closing)) {
        position++;
        return out.toString();
      }
      position++;
      switch (token) {
        case "+", "-" -> {
          out.append(token);
          operandEnded = false;
        }
        case "*", "/" -> {
          out.append(token);
          operandEnded = false;
        }
        case "^" -> out.append("^(").append(argument()).append(")");
        case "_" -> out.append(argument().replaceAll("[^A-Za-z0-9]", ""));
        case "!" -> out.append("!");
        case "'" -> throw new IllegalArgumentException("primes are not supported");
        case "(", "[", "{" -> {
          operandEnded = multiply(out, operandEnded);
          String close = token.equals("(") ? ")" : token.equals("[") ? "]" : "}";
          out.append("(").append(expression(close)).append(")");
        }
        case "|" -> {
          operandEnded = multiply(out, operandEnded);
          out.append("Abs(").append(expression("|")).append(")");
        }
        case ")", "]", "}" -> throw new IllegalArgumentException("unbalanced '" + token + "'");
        case ",", "=", "<", ">" ->
            throw new IllegalArgumentException("'" + token + "' inside an expression");
        default -> {
          if (token.startsWith("\\")) {
            String name = token.substring(1);
            if (TIMES.contains(name)) {
              out.append("*");
              operandEnded = false;
            } else if (name.equals("div")) {
              out.append("/");
              operandEnded = false;
            } else {
              operandEnded = multiply(out, operandEnded);
              out.append(command(name));
            }
          } else if (Character.isDigit(token.charAt(0)) || token.equals(".")) {
            operandEnded = multiply(out, operandEnded);
            out.append(token).append(moreDigits());
          } else if (Character.isLetter(token.charAt(0))) {
            operandEnded = multiply(out, operandEnded);
            out.append(CONSTANTS.getOrDefault(token, token));
          } else {
            throw new IllegalArgumentException("unexpected '" + token + "'");
          }
        }
      }
    }
    if (closing != null) {
      throw new IllegalArgumentException("missing '" + closing + "'");
    }
    return out.toString();
  }

  /** Emits {@code *} between two operands (juxtaposition); the next operand then ends. */
  private static boolean multiply(StringBuilder out, boolean operandEnded) {
    if (operandEnded) {
      out.append("*");
    }
    return true;
  }

  private String moreDigits() {
    StringBuilder digits = new StringBuilder();
    while (position < tokens.size()
        && (Character.isDigit(tokens.get(position).charAt(0))
            || tokens.get(position).equals("."))) {
      digits.append(tokens.get(position++));
    }
    return digits.toString();
  }

  /** A macro argument: a braced group, or one token ({@code \frac12} is one half). */
  private String argument() {
    if (position >= tokens.size()) {
      throw new IllegalArgumentException("missing argument");
    }
    String token = tokens.get(position++);
    if (token.equals("{")) {
      return expression("}");
    }
    if (token.startsWith("\\")) {
      return command(token.substring(1));
    }
    if (Character.isLetterOrDigit(token.charAt(0))) {
      return CONSTANTS.getOrDefault(token, token);
    }
    throw new IllegalArgumentException("bad argument '" + token + "'");
  }

  private String command(String name) {
    if (name.equals("frac")) {
      String numerator = argument();
      String denominator = argument();
      return "((" + numerator + ")/(" + denominator + "))";
    }
    if (name.equals("binom") || name.equals("dbinom") || name.equals("tbinom")) {
      String n = argument();
      String k = argument();
      return "Binomial(" + n + "," + k + ")";
    }
    if (name.equals("sqrt")) {
      if (position < tokens.size() && tokens.get(position).equals("[")) {
        position++;
        String index = expression("]");
        return "((" + argument() + ")^(1/(" + index + ")))";
      }
      return "Sqrt(" + argument() + ")";
    }
    if (FUNCTIONS.containsKey(name)) {
      String power = null;
      if (position < tokens.size() && tokens.get(position).equals("^")) {
        position++;
        power = argument();
      }
      String argument;
      if (position < tokens.size() && tokens.get(position).equals("(")) {
        position++;
        argument = expression(")");
      } else {
        argument = argument();
      }
      String call = FUNCTIONS.get(name) + "(" + argument + ")";
      return power == null ? call : "(" + call + ")^(" + power + ")";
    }
    if (CONSTANTS.containsKey(name)) {
      return CONSTANTS.get(name);
    }
    if (GREEK.contains(name)) {
      return name;
    }
    throw new IllegalArgumentException("unsupported LaTeX command \\" + name);
  }
}
