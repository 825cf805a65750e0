package dev.brevity.verify;

import dev.brevity.verify.Answer.Expression;
import dev.brevity.verify.Answer.Relation;
import dev.brevity.verify.Answer.Sequence;
import dev.brevity.verify.AnswerMatcher.Match;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares equations and inequalities as Math-Verify does ({@code sympy_compare_relational}): the
 * same relation with {@code lhs - rhs} equal up to a constant factor (positive for inequalities),
 * or the flipped relation ({@code x ≤ 5} = {@code 5 ≥ x}, {@code x < 1} = {@code -x > -1}); chains
 * ({@code 1 < x < 2}) relation by relation.
 */
final class Relations {

  private static final Map<String, String> FLIPPED =
      Map.of("<", ">", ">", "<", "≤", "≥", "≥", "≤", "=", "=", "≠", "≠");

  private Relations() {}

  static Match compare(Relation gold, Relation pred) {
    if (gold.relations().size() != pred.relations().size()) {
      return new Match(false, "relation chains of different lengths");
    }
    for (int i = 0; i < gold.relations().size(); i++) {
      Match one = compareOne(gold, pred, i);
      if (!one.equal()) {
        return one;
      }
    }
    return new Match(true, "equivalent relations");
  }

  private static Match compareOne(Relation gold, Relation pred, int i) {
    String g = gold.relations().get(i);
    String p = pred.relations().get(i);
    String gDiff;
    String pDiff;
    try {
      gDiff = difference(gold, i, false);
      pDiff = difference(pred, i, !g.equals(p));
    } catch (IllegalArgumentException e) {
      return new Match(false, "relation between non-scalars: " + e.getMessage());
    }
    if (!g.equals(p) && !FLIPPED.get(g).equals(p)) {
      return new Match(false, "different relations: " + g + " vs " + p);
    }
    boolean inequality = !g.equals("=") && !g.equals("≠");
    Optional<Boolean> same = SymbolicEquality.equal(gDiff, pDiff);
    if (same.orElse(false)) {
      return new Match(true, "equivalent relations");
    }
    Optional<Boolean> scaled = SymbolicEquality.proportional(gDiff, pDiff, inequality);
    if (scaled.isEmpty() && same.isEmpty()) {
      return new Match(false, "cannot decide symbolically (time limit or error)");
    }
    return scaled.orElse(false)
        ? new Match(true, "equivalent relations (a constant factor apart)")
        : new Match(false, "relations not equivalent: " + gDiff + " vs " + pDiff);
  }

  /** {@code lhs - rhs} of relation {@code i} ({@code rhs - lhs} when {@code flip}). */
  private static String difference(Relation relation, int i, boolean flip) {
    String left = Scalars.infix(relation.sides().get(i));
    String right = Scalars.infix(relation.sides().get(i + 1));
    return flip ? "(" + right + ")-(" + left + ")" : "(" + left + ")-(" + right + ")";
  }

  /**
   * The interval an inequality in one variable describes: {@code x > 5} → {@code (5, ∞)}, {@code -2
   * ≤ x ≤ 7} → {@code [-2, 7]}; empty for anything else.
   */
  static Optional<Answer> asInterval(Relation relation) {
    List<Answer> sides = relation.sides();
    List<String> ops = relation.relations();
    if (ops.stream().anyMatch(op -> op.equals("=") || op.equals("≠"))) {
      return Optional.empty();
    }
    if (ops.size() == 1) {
      boolean variableLeft = AnswerParser.isSymbols(sides.get(0));
      Answer bound = variableLeft ? sides.get(1) : sides.get(0);
      String op = variableLeft ? ops.get(0) : FLIPPED.get(ops.get(0));
      Answer infinity = new Expression("\\infty", "Infinity");
      Answer minusInfinity = new Expression("-\\infty", "-Infinity");
      return Optional.of(
          switch (op) {
            case ">" -> new Sequence('(', ')', List.of(bound, infinity));
            case "≥" -> new Sequence('[', ')', List.of(bound, infinity));
            case "<" -> new Sequence('(', ')', List.of(minusInfinity, bound));
            default -> new Sequence('(', ']', List.of(minusInfinity, bound));
          });
    }
    if (ops.size() == 2 && AnswerParser.isSymbols(sides.get(1))) {
      boolean rising = ops.stream().allMatch(op -> op.equals("<") || op.equals("≤"));
      boolean falling = ops.stream().allMatch(op -> op.equals(">") || op.equals("≥"));
      if (rising || falling) {
        Answer low = rising ? sides.get(0) : sides.get(2);
        Answer high = rising ? sides.get(2) : sides.get(0);
        String lowOp = rising ? ops.get(0) : ops.get(1);
        String highOp = rising ? ops.get(1) : ops.get(0);
        char open = lowOp.equals("<") || lowOp.equals(">") ? '(' : '[';
        char close = highOp.equals("<") || highOp.equals(">") ? ')' : ']';
        return Optional.of(new Sequence(open, close, List.of(low, high)));
      }
    }
    return Optional.empty();
  }
}
