package dev.brevity.verify;

import dev.brevity.verify.Answer.Collection;
import dev.brevity.verify.Answer.Expression;
import dev.brevity.verify.Answer.Matrix;
import dev.brevity.verify.Answer.Number;
import dev.brevity.verify.Answer.Relation;
import dev.brevity.verify.Answer.Sequence;
import dev.brevity.verify.Answer.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a parsed prediction equals a parsed gold answer, by Math-Verify's rules ({@code
 * grader.py}'s {@code sympy_expr_eq}; github.com/huggingface/Math-Verify):
 *
 * <ul>
 *   <li>a prediction {@code x = 2} against a gold {@code 2} is {@code 2}; a gold assignment {@code
 *       k = 1} against a prediction {@code 1} is {@code 1}; but a gold {@code 2x + z = 1} is not
 *       {@code 1};
 *   <li>relations: the same relation with equal {@code lhs - rhs} up to a constant factor (positive
 *       for inequalities), or the flipped one ({@code a < b} = {@code b > a}); a gold inequality
 *       against a predicted interval compares as the interval it describes;
 *   <li>numbers: exact, unless one was written with a decimal point, then both rounded to 6 places
 *       ({@code 1/3} = {@code 0.333333}, not {@code 0.333});
 *   <li>intervals and tuples item by item with the same brackets; sets, lists and unions in any
 *       order; matrices of the same shape cell by cell;
 *   <li>text case-insensitively ({@code \text{(C)}} = {@code C}); {@code \text{13}} is not {@code
 *       13};
 *   <li>expressions symbolically ({@link SymbolicEquality}).
 * </ul>
 */
final class AnswerMatcher {

  /** A comparison's outcome and why. */
  record Match(boolean equal, String reason) {}

  private static final int DECIMAL_PLACES = 6;

  private AnswerMatcher() {}

  static Match match(Answer goldAnswer, Answer predAnswer) {
    Answer gold = goldAnswer;
    Answer pred = predAnswer;
    boolean goldEquation = gold instanceof Relation g && g.isEquation();
    boolean predEquation = pred instanceof Relation p && p.isEquation();
    if (predEquation && !goldEquation) {
      pred = last((Relation) pred);
    } else if (goldEquation && !predEquation && isAssignment((Relation) gold)) {
      gold = last((Relation) gold);
    }
    if (gold instanceof Relation g && pred instanceof Relation p) {
      return Relations.compare(g, p);
    }
    if (gold instanceof Relation g && (pred instanceof Sequence || pred instanceof Collection)) {
      Optional<Answer> interval = Relations.asInterval(g);
      if (interval.isPresent()) {
        Match asSet = match(interval.get(), pred);
        return new Match(asSet.equal(), "gold inequality as an interval: " + asSet.reason());
      }
    }
    if (gold instanceof Relation || pred instanceof Relation) {
      return different(gold, pred);
    }
    if (gold instanceof Number g && pred instanceof Number p) {
      return numbers(g, p);
    }
    if (gold instanceof Matrix g && pred instanceof Matrix p) {
      return matrices(g, p);
    }
    if (gold instanceof Sequence g && pred instanceof Sequence p) {
      if (g.open() != p.open() || g.close() != p.close()) {
        return new Match(
            false, "different brackets: " + g.open() + g.close() + " vs " + p.open() + p.close());
      }
      return ordered(g.items(), p.items());
    }
    if (gold instanceof Collection g && pred instanceof Collection p) {
      return unordered(g.items(), p.items());
    }
    if (gold instanceof Sequence g && pred instanceof Collection p && !p.kind().equals("union")) {
      return ordered(g.items(), p.items()); // Math-Verify reads the predicted set as a tuple
    }
    if (gold instanceof Collection g && pred instanceof Sequence p && p.open() == '(') {
      return unordered(g.items(), p.items());
    }
    if (gold instanceof Collection g && g.items().size() == 1 && isScalar(pred)) {
      return match(g.items().get(0), pred);
    }
    if (pred instanceof Collection p && p.items().size() == 1 && isScalar(gold)) {
      return match(gold, p.items().get(0));
    }
    if (gold instanceof Text || pred instanceof Text) {
      return text(gold, pred);
    }
    if (!isScalar(gold) || !isScalar(pred)) {
      return different(gold, pred);
    }
    return Scalars.compare(gold, pred);
  }

  private static Match numbers(Number gold, Number pred) {
    if (close(gold.meant(), pred.meant(), gold.decimal() || pred.decimal())) {
      return new Match(true, "equal numbers");
    }
    if (gold.percent() != pred.percent()
        && close(gold.value(), pred.value(), gold.decimal() || pred.decimal())) {
      return new Match(true, "equal numbers (one written as a percentage, one without %)");
    }
    return new Match(false, "different numbers: " + gold.canonical() + " vs " + pred.canonical());
  }

  /** Exactly equal, or, when {@code rounded}, equal to {@value #DECIMAL_PLACES} decimal places. */
  static boolean close(Rational a, Rational b, boolean rounded) {
    if (a.equals(b)) {
      return true;
    }
    return rounded && Scalars.round(a.toBigDecimal()).equals(Scalars.round(b.toBigDecimal()));
  }

  private static Match matrices(Matrix gold, Matrix pred) {
    int rows = gold.rows().size();
    int columns = gold.rows().get(0).size();
    if (rows != pred.rows().size() || columns != pred.rows().get(0).size()) {
      return new Match(
          false,
          "different shapes: "
              + rows
              + "x"
              + columns
              + " vs "
              + pred.rows().size()
              + "x"
              + pred.rows().get(0).size());
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        Match cell = match(gold.rows().get(r).get(c), pred.rows().get(r).get(c));
        if (!cell.equal()) {
          return new Match(
              false, "cell (" + (r + 1) + "," + (c + 1) + ") differs: " + cell.reason());
        }
      }
    }
    return new Match(true, "equal matrices");
  }

  private static Match ordered(List<Answer> gold, List<Answer> pred) {
    if (gold.size() != pred.size()) {
      return new Match(false, "different lengths: " + gold.size() + " vs " + pred.size());
    }
    for (int i = 0; i < gold.size(); i++) {
      Match item = match(gold.get(i), pred.get(i));
      if (!item.equal()) {
        return new Match(false, "item " + (i + 1) + " differs: " + item.reason());
      }
    }
    return new Match(true, "equal item by item");
  }

  private static Match unordered(List<Answer> gold, List<Answer> pred) {
    if (gold.size() != pred.size()) {
      return new Match(false, "different sizes: " + gold.size() + " vs " + pred.size());
    }
    List<Answer> unmatched = new ArrayList<>(pred);
    for (Answer item : gold) {
      Optional<Answer> partner =
          unmatched.stream().filter(candidate -> match(item, candidate).equal()).findFirst();
      if (partner.isEmpty()) {
        return new Match(false, "no match for " + item.canonical());
      }
      unmatched.remove(partner.get());
    }
    return new Match(true, "equal as unordered collections");
  }

  private static Match text(Answer gold, Answer pred) {
    Optional<String> g = textKey(gold);
    Optional<String> p = textKey(pred);
    if (g.isEmpty() || p.isEmpty()) {
      return different(gold, pred);
    }
    return g.get().equals(p.get())
        ? new Match(true, "equal text")
        : new Match(false, "different text: " + g.get() + " vs " + p.get());
  }

  /** Text, or letters that the parser read as a product of symbols ({@code E}, {@code abc}). */
  private static Optional<String> textKey(Answer answer) {
    if (answer instanceof Text t) {
      return Optional.of(t.key());
    }
    if (answer instanceof Expression e && e.source().matches("[A-Za-z\\s]+")) {
      return Optional.of(new Text(e.source()).key());
    }
    return Optional.empty();
  }

  private static boolean isAssignment(Relation relation) {
    return AnswerParser.isSymbols(relation.sides().get(0));
  }

  private static Answer last(Relation relation) {
    return relation.sides().get(relation.sides().size() - 1);
  }

  private static boolean isScalar(Answer answer) {
    return answer instanceof Number || answer instanceof Expression;
  }

  static Match different(Answer gold, Answer pred) {
    return new Match(false, "different kinds of answer: " + kind(gold) + " vs " + kind(pred));
  }

  static String kind(Answer answer) {
    if (answer instanceof Number) {
      return "number";
    }
    if (answer instanceof Expression) {
      return "expression";
    }
    if (answer instanceof Sequence) {
      return "tuple or interval";
    }
    if (answer instanceof Collection c) {
      return c.kind();
    }
    if (answer instanceof Matrix) {
      return "matrix";
    }
    if (answer instanceof Relation r) {
      return r.isEquation() ? "equation" : "inequality";
    }
    return "text";
  }
}
