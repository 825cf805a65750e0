package dev.brevity.verify;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Questions for the Symja computer-algebra system, each bounded in time: whether two expressions
 * are equal ({@code Simplify(a - b)} is zero, or {@code PossibleZeroQ(a - b)}, or, free of
 * variables, their difference is zero to 12 significant digits), whether two are proportional, and
 * an expression's numeric value.
 *
 * <p>Symja runs on one daemon thread of its own, in quiet mode (it prints nothing). A question gets
 * at most {@link #TIME_LIMIT_MS}, and no more than what is left of the verdict's budget ({@link
 * #withBudget}); past it the answer is "cannot decide" and, if the thread does not stop, it is
 * abandoned and a fresh one started, so a pathological expression cannot hang the caller.
 */
final class SymbolicEquality {

  /** Longest a single question may take before the answer is "cannot decide". */
  static final long TIME_LIMIT_MS = 2_000;

  private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
  private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
  private static final ThreadLocal<ExprEvaluator> EVALUATOR =
      ThreadLocal.withInitial(SymbolicEquality::quietEvaluator);

  private static ExecutorService worker = newWorker();

  private SymbolicEquality() {}

  /** Runs {@code verdict} with at most {@code budgetMs} of algebra-system time in all. */
  static <T> T withBudget(long budgetMs, Supplier<T> verdict) {
    DEADLINE.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMs));
    try {
      return verdict.get();
    } finally {
      DEADLINE.remove();
    }
  }

  /**
   * Whether {@code a} equals {@code b}; empty when the algebra system cannot decide (an error or
   * the time limit).
   */
  static Optional<Boolean> equal(String a, String b) {
    return ask(
        evaluator -> {
          String difference = "(" + a + ")-(" + b + ")";
          if (eval(evaluator, "Simplify(" + difference + ")").isZero()) {
            return true;
          }
          if (eval(evaluator, "PossibleZeroQ(" + difference + ")").isTrue()) {
            return true;
          }
          IExpr numeric = eval(evaluator, "N(" + difference + ")");
          if (numeric.isNumber()) {
            double scale = Math.max(1.0, Math.abs(eval(evaluator, "N(" + a + ")").evalDouble()));
            return Math.abs(numeric.evalDouble()) <= 1e-12 * scale;
          }
          return false;
        });
  }

  /**
   * Whether {@code a = c·b} for a constant {@code c ≠ 0} (positive when {@code positive}): how
   * {@code 2x + 4y = 6} and {@code x + 2y = 3} are the same equation.
   */
  static Optional<Boolean> proportional(String a, String b, boolean positive) {
    return ask(
        evaluator -> {
          IExpr ratio = eval(evaluator, "Together(Simplify((" + a + ")/(" + b + ")))");
          if (!ratio.isNumber() || ratio.isZero()) {
            return false;
          }
          return !positive || eval(evaluator, "N(" + ratio + ")").evalDouble() > 0;
        });
  }

  /** The numeric value of a variable-free real expression ({@code \sqrt{2}} → 1.41421356…). */
  static Optional<BigDecimal> numeric(String infix) {
    return ask(evaluator -> {
          IExpr value = eval(evaluator, "N(" + infix + ", 30)");
          return value.isReal() ? new BigDecimal(value.toString().replace("*^", "E")) : null;
        })
        .filter(v -> v != null);
  }

  /** The evaluated, canonical form of an expression (for reports), or the input on failure. */
  static String canonical(String infix) {
    return ask(evaluator -> eval(evaluator, infix).toString()).orElse(infix);
  }

  private interface Question<T> {
    T ask(ExprEvaluator evaluator) throws Exception;
  }

  private static synchronized <T> Optional<T> ask(Question<T> question) {
    long limit = TIME_LIMIT_MS;
    Long deadline = DEADLINE.get();
    if (deadline != null) {
      limit = Math.min(limit, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      if (limit <= 0) {
        return Optional.empty();
      }
    }
    Callable<T> task = () -> question.ask(EVALUATOR.get());
    Future<T> future = worker.submit(task);
    try {
      return Optional.ofNullable(future.get(limit, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow(); // abandon a thread that may not stop; questions go to a fresh one
      worker = newWorker();
      return Optional.empty();
    } catch (ExecutionException | RuntimeException | StackOverflowError e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static IExpr eval(ExprEvaluator evaluator, String input) {
    return evaluator.evaluateWithTimeout(input, TIME_LIMIT_MS, TimeUnit.MILLISECONDS, true, null);
  }

  private static ExprEvaluator quietEvaluator() {
    ExprEvaluator evaluator = new ExprEvaluator();
    EvalEngine engine = evaluator.getEvalEngine();
    engine.setQuietMode(true);
    engine.setOutPrintStream(SILENT);
    engine.setErrorPrintStream(SILENT);
    return evaluator;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "brevity-symja");
          thread.setDaemon(true);
          return thread;
        });
  }
}
