package dev.brevity.verify;

import dev.brevity.verify.Answer.Expression;
import dev.brevity.verify.Answer.Number;
import dev.brevity.verify.AnswerMatcher.Match;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Compares two scalars where at least one is an expression: numerically to 6 decimal places when
 * either was written with a decimal point ({@code \sqrt{2}} = {@code 1.414214}, as Math-Verify's
 * {@code float_rounding=6}), else symbolically ({@code 2\sqrt{2}} = {@code \sqrt{8}}).
 */
final class Scalars {

  private static final int DECIMAL_PLACES = 6;

  private Scalars() {}

  static Match compare(Answer gold, Answer pred) {
    String g = infix(gold);
    String p = infix(pred);
    if (g.replace(" ", "").equals(p.replace(" ", ""))) {
      return new Match(true, "identical expressions");
    }
    if (hasDecimal(gold) || hasDecimal(pred)) {
      Optional<BigDecimal> gv = value(gold);
      Optional<BigDecimal> pv = value(pred);
      if (gv.isPresent() && pv.isPresent()) {
        return round(gv.get()).equals(round(pv.get()))
            ? new Match(true, "equal to 6 decimal places")
            : new Match(false, "different to 6 decimal places: " + gv.get() + " vs " + pv.get());
      }
    }
    Optional<Boolean> equal = SymbolicEquality.equal(g, p);
    if (equal.isEmpty()) {
      return new Match(
          false, "cannot decide symbolically (time limit or error): " + g + " vs " + p);
    }
    return equal.get()
        ? new Match(true, "equal symbolically")
        : new Match(false, "not equal symbolically: " + g + " vs " + p);
  }

  /** {@code value} rounded half-even to 6 decimal places, scale kept for {@code equals}. */
  static BigDecimal round(BigDecimal value) {
    return value.setScale(DECIMAL_PLACES, RoundingMode.HALF_EVEN);
  }

  static String infix(Answer answer) {
    if (answer instanceof Number n) {
      String value = "(" + n.value() + ")";
      return n.percent() ? "(" + value + "/100)" : value;
    }
    if (answer instanceof Expression e) {
      return e.infix();
    }
    throw new IllegalArgumentException("no infix form for " + AnswerMatcher.kind(answer));
  }

  private static boolean hasDecimal(Answer answer) {
    return answer instanceof Number n
        ? n.decimal()
        : answer instanceof Expression e && e.source().matches("(?s).*\\d\\.\\d.*");
  }

  private static Optional<BigDecimal> value(Answer answer) {
    if (answer instanceof Number n) {
      return Optional.of(n.meant().toBigDecimal());
    }
    return SymbolicEquality.numeric(infix(answer));
  }
}
