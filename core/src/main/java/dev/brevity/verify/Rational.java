package dev.brevity.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An exact rational number, {@code numerator / denominator} in lowest terms, denominator > 0. */
public record Rational(BigInteger numerator, BigInteger denominator)
    implements Comparable<Rational> {

  /** Relative tolerance for comparing a rounded decimal with an exact value. */
  static final BigDecimal TOLERANCE = new BigDecimal("1e-6");

  private static final Pattern DECIMAL =
      Pattern.compile("([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d+))?");

  public Rational {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("zero denominator");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
  }

  public static Rational of(long numerator, long denominator) {
    return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  /** Parses {@code 42}, {@code -0.5}, {@code .25}, {@code 1.5e3}; empty for anything else. */
  public static Optional<Rational> parseDecimal(String text) {
    Matcher m = DECIMAL.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(m.group(2));
    if (m.group(3) != null) {
      int exponent = Integer.parseInt(m.group(3));
      if (Math.abs(exponent) > 1000) {
        return Optional.empty();
      }
      value = value.scaleByPowerOfTen(exponent);
    }
    Rational rational = of(value);
    return Optional.of(m.group(1).equals("-") ? rational.negate() : rational);
  }

  static Rational of(BigDecimal value) {
    return value.scale() <= 0
        ? new Rational(value.toBigIntegerExact(), BigInteger.ONE)
        : new Rational(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
  }

  public Rational add(Rational other) {
    return new Rational(
        numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  public Rational multiply(Rational other) {
    return new Rational(
        numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  public Rational divide(Rational other) {
    return new Rational(
        numerator.multiply(other.denominator), denominator.multiply(other.numerator));
  }

  public Rational negate() {
    return new Rational(numerator.negate(), denominator);
  }

  public BigDecimal toBigDecimal() {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL128);
  }

  /** Equal, or within {@link #TOLERANCE} relative to the larger magnitude (at least 1). */
  public boolean closeTo(Rational other) {
    if (equals(other)) {
      return true;
    }
    BigDecimal a = toBigDecimal();
    BigDecimal b = other.toBigDecimal();
    BigDecimal scale = a.abs().max(b.abs()).max(BigDecimal.ONE);
    return a.subtract(b).abs().compareTo(TOLERANCE.multiply(scale)) <= 0;
  }

  @Override
  public int compareTo(Rational other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  /** {@code 7}, {@code -1/2}. */
  @Override
  public String toString() {
    return denominator.equals(BigInteger.ONE)
        ? numerator.toString()
        : numerator + "/" + denominator;
  }
}
