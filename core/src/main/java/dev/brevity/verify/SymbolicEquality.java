package dev.brevity.verify;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Decides whether two expressions are equal with the Symja computer-algebra system: {@code
 * Simplify(a - b)} is zero, or {@code PossibleZeroQ(a - b)} holds, or, free of variables, their
 * difference is numerically zero (relative 1e-6). One evaluator, used under a lock, with a time
 * limit per question; Symja starts on first use (about 2 s).
 */
final class SymbolicEquality {

  /** Longest a single question may take before the answer is "cannot decide". */
  static final long TIME_LIMIT_MS = 2_000;

  private static ExprEvaluator evaluator;

  private SymbolicEquality() {}

  /**
   * Whether {@code a} equals {@code b}; empty when the algebra system cannot decide (an error or
   * the time limit).
   */
  static synchronized Optional<Boolean> equal(String a, String b) {
    try {
      String difference = "(" + a + ")-(" + b + ")";
      IExpr simplified = evaluate("Simplify(" + difference + ")");
      if (simplified.isZero()) {
        return Optional.of(true);
      }
      if (evaluate("PossibleZeroQ(" + difference + ")").isTrue()) {
        return Optional.of(true);
      }
      IExpr numeric = evaluate("N(" + difference + ")");
      if (numeric.isNumber()) {
        double scale = Math.max(1.0, Math.abs(evaluate("N(" + a + ")").evalDouble()));
        return Optional.of(Math.abs(numeric.evalDouble()) <= 1e-6 * scale);
      }
      return Optional.of(false);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The evaluated, canonical form of an expression (for reports), or the input on failure. */
  static synchronized String canonical(String infix) {
    try {
      return evaluate(infix).toString();
    } catch (RuntimeException e) {
      return infix;
    }
  }

  private static IExpr evaluate(String input) {
    if (evaluator == null) {
      evaluator = new ExprEvaluator();
    }
    return evaluator.evaluateWithTimeout(input, TIME_LIMIT_MS, TimeUnit.MILLISECONDS, true, null);
  }
}
