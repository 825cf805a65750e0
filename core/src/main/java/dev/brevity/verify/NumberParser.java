package dev.brevity.verify;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plainly written number exactly: {@code 42}, {@code 1,000}, {@code 0.5}, {@code .5},
 * {@code 1.5e3}, {@code 1.5\times10^{3}}, {@code 10^3}, {@code \frac{3}{4}}, {@code \frac34},
 * {@code 3/4}, {@code 2\frac{1}{2}}, {@code 2 1/2}. Anything else is not a number (it may still be
 * an expression).
 */
final class NumberParser {

  private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern FRACTION =
      Pattern.compile("([+-]?)\\\\frac\\{([+-]?[\\d.]+)\\}\\{([+-]?[\\d.]+)\\}");
  private static final Pattern SHORT_FRACTION = Pattern.compile("([+-]?)\\\\frac(\\d)(\\d)");
  private static final Pattern SLASH_FRACTION = Pattern.compile("([+-]?[\\d.]+)/([\\d.]+)");
  private static final Pattern MIXED_LATEX =
      Pattern.compile("([+-]?)(\\d+)\\s*\\\\frac(?:\\{(\\d+)\\}\\{(\\d+)\\}|(\\d)(\\d))");
  private static final Pattern MIXED_PLAIN = Pattern.compile("([+-]?)(\\d+)\\s+(\\d+)/(\\d+)");
  private static final Pattern SCIENTIFIC =
      Pattern.compile(
          "([+-]?[\\d.]+)\\s*(?:\\\\times|\\\\cdot|\\*|x|×)\\s*10\\^\\{?([+-]?\\d+)\\}?");
  private static final Pattern POWER_OF_TEN = Pattern.compile("10\\^\\{?([+-]?\\d+)\\}?");

  /** A number read: its exact value, and whether it was written with a decimal point. */
  record Read(Rational value, boolean decimal) {}

  private NumberParser() {}

  /**
   * Whether {@code s} is an integer with thousands separators ({@code 1,000}, {@code 12,345.5}).
   */
  static boolean isThousands(String s) {
    return THOUSANDS.matcher(s).matches();
  }

  /** The exact value of a plainly written number, if {@code text} is one. */
  static Optional<Read> read(String text) {
    String s = text.replace(" ", "");
    if (THOUSANDS.matcher(s).matches()) {
      s = s.replace(",", "");
    }
    Optional<Rational> decimal = Rational.parseDecimal(s);
    if (decimal.isPresent()) {
      return Optional.of(new Read(decimal.get(), s.contains(".")));
    }
    return exact(text, s).map(value -> new Read(value, false));
  }

  private static Optional<Rational> exact(String text, String s) {
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
