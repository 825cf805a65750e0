package dev.brevity.verify;

import dev.brevity.verify.Answer.Collection;
import dev.brevity.verify.Answer.Expression;
import dev.brevity.verify.Answer.Number;
import dev.brevity.verify.Answer.Sequence;
import dev.brevity.verify.Answer.Text;
import dev.brevity.verify.FinalAnswer.Extracted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a prediction's final answer equals the gold answer, the way a careful human
 * grader of GSM8K, MATH or AIME answers would: {@code 1,000} = {@code 1000}, {@code \frac{1}{2}} =
 * {@code 0.5} = {@code 1/2}, {@code 50\%} = {@code 50}, {@code 2\sqrt{2}} = {@code \sqrt{8}},
 * {@code \{1, 2\}} = {@code \{2, 1\}}, but {@code (1, 2)} ≠ {@code [1, 2]}. Never throws on bad
 * input: an unparseable or missing answer is incorrect, with the reason.
 *
 * <p>Truncation rule: a prediction that ended at the token limit (finish reason LENGTH) does not
 * count by default, as in ThinkPrune's paper; {@link TruncationRule#COUNTED} lets its answer count,
 * as in ThinkPrune's code.
 */
public final class AnswerVerifier {

  /** Whether an answer in a trace cut by the token limit counts. */
  public enum TruncationRule {
    /** A truncated trace is incorrect, whatever it contains (the default). */
    NOT_COUNTED,
    /** A truncated trace's final answer is judged like any other. */
    COUNTED
  }

  private final TruncationRule truncation;

  public AnswerVerifier(TruncationRule truncation) {
    this.truncation = truncation;
  }

  /** A verifier that does not count truncated traces. */
  public static AnswerVerifier standard() {
    return new AnswerVerifier(TruncationRule.NOT_COUNTED);
  }

  /**
   * Judges a model's output: its marked final answer ({@code \boxed{}}, {@code ####}, "the answer
   * is") against the gold answer.
   *
   * @param truncated whether generation stopped at the token limit
   */
  public Verdict verifyOutput(String gold, String output, boolean truncated) {
    String goldAnswer = FinalAnswer.findOrWhole(gold).answer();
    if (truncated && truncation == TruncationRule.NOT_COUNTED) {
      return new Verdict(
          false, render(goldAnswer), "", "truncated at the token limit (not counted)");
    }
    Optional<Extracted> found = FinalAnswer.find(output);
    if (found.isEmpty()) {
      return new Verdict(
          false,
          render(goldAnswer),
          "",
          "no final answer (no \\boxed{}, '#### N' or 'the answer is')");
    }
    return compare(goldAnswer, found.get().answer());
  }

  /**
   * Judges a pair where either side may be a bare answer or a text with a marked final answer (what
   * {@code brevity verify} reads).
   */
  public Verdict verify(String gold, String prediction) {
    return compare(
        FinalAnswer.findOrWhole(gold).answer(), FinalAnswer.findOrWhole(prediction).answer());
  }

  private Verdict compare(String goldText, String predText) {
    Answer gold;
    try {
      gold = AnswerParser.parse(goldText);
    } catch (IllegalArgumentException e) {
      return new Verdict(false, goldText, predText, "gold answer: " + e.getMessage());
    }
    Answer pred;
    try {
      pred = AnswerParser.parse(predText);
    } catch (IllegalArgumentException e) {
      return new Verdict(false, canonical(gold), predText, "prediction: " + e.getMessage());
    }
    Match match = match(gold, pred);
    return new Verdict(match.equal, canonical(gold), canonical(pred), match.reason);
  }

  private record Match(boolean equal, String reason) {}

  private static Match match(Answer gold, Answer pred) {
    if (gold instanceof Number g && pred instanceof Number p) {
      return numbers(g, p);
    }
    if (gold instanceof Sequence g && pred instanceof Sequence p) {
      if (g.open() != p.open() || g.close() != p.close()) {
        return new Match(
            false, "different brackets: " + g.open() + g.close() + " vs " + p.open() + p.close());
      }
      if (g.items().size() != p.items().size()) {
        return new Match(
            false, "different lengths: " + g.items().size() + " vs " + p.items().size());
      }
      for (int i = 0; i < g.items().size(); i++) {
        Match item = match(g.items().get(i), p.items().get(i));
        if (!item.equal) {
          return new Match(false, "item " + (i + 1) + " differs: " + item.reason);
        }
      }
      return new Match(true, "equal item by item");
    }
    if (gold instanceof Collection g && pred instanceof Collection p) {
      return unordered(g.items(), p.items());
    }
    if (gold instanceof Text || pred instanceof Text) {
      return text(gold, pred);
    }
    if (gold instanceof Sequence
        || pred instanceof Sequence
        || gold instanceof Collection
        || pred instanceof Collection) {
      return new Match(false, "different kinds of answer: " + kind(gold) + " vs " + kind(pred));
    }
    return symbolic(infix(gold), infix(pred));
  }

  private static Match numbers(Number gold, Number pred) {
    if (gold.value().closeTo(pred.value())) {
      return new Match(true, "equal numbers");
    }
    Rational hundred = Rational.of(100, 1);
    if (gold.percent() && gold.value().divide(hundred).closeTo(pred.value())) {
      return new Match(true, "equal numbers (percentage as a fraction)");
    }
    if (pred.percent() && pred.value().divide(hundred).closeTo(gold.value())) {
      return new Match(true, "equal numbers (percentage as a fraction)");
    }
    return new Match(false, "different numbers: " + gold.value() + " vs " + pred.value());
  }

  private static Match unordered(List<Answer> gold, List<Answer> pred) {
    if (gold.size() != pred.size()) {
      return new Match(false, "different sizes: " + gold.size() + " vs " + pred.size());
    }
    List<Answer> unmatched = new ArrayList<>(pred);
    for (Answer item : gold) {
      Optional<Answer> partner =
          unmatched.stream().filter(candidate -> match(item, candidate).equal).findFirst();
      if (partner.isEmpty()) {
        return new Match(false, "no match for " + item.canonical());
      }
      unmatched.remove(partner.get());
    }
    return new Match(true, "equal as unordered collections");
  }

  private static Match text(Answer gold, Answer pred) {
    String g = textKey(gold);
    String p = textKey(pred);
    return g.equals(p)
        ? new Match(true, "equal text")
        : new Match(false, "different text: " + g + " vs " + p);
  }

  private static String textKey(Answer answer) {
    if (answer instanceof Text t) {
      return t.key();
    }
    return new Text(answer instanceof Expression e ? e.source() : answer.canonical()).key();
  }

  private static Match symbolic(String gold, String pred) {
    if (gold.replace(" ", "").equals(pred.replace(" ", ""))) {
      return new Match(true, "identical expressions");
    }
    Optional<Boolean> equal = SymbolicEquality.equal(gold, pred);
    if (equal.isEmpty()) {
      return new Match(false, "cannot decide symbolically: " + gold + " vs " + pred);
    }
    return equal.get()
        ? new Match(true, "equal symbolically")
        : new Match(false, "not equal symbolically: " + gold + " vs " + pred);
  }

  private static String infix(Answer answer) {
    if (answer instanceof Number n) {
      return "(" + n.value() + ")";
    }
    if (answer instanceof Expression e) {
      return e.infix();
    }
    throw new IllegalStateException("no infix form for " + kind(answer));
  }

  private static String kind(Answer answer) {
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
    return "text";
  }

  private static String canonical(Answer answer) {
    return answer instanceof Expression e
        ? SymbolicEquality.canonical(e.infix())
        : answer.canonical();
  }

  private static String render(String goldText) {
    try {
      return canonical(AnswerParser.parse(goldText));
    } catch (IllegalArgumentException e) {
      return goldText;
    }
  }
}
