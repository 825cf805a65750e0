package dev.brevity.verify;

import dev.brevity.verify.AnswerMatcher.Match;
import java.util.Optional;

/**
 * Decides whether a prediction's final answer equals the gold answer, as Hugging Face's Math-Verify
 * does ({@code parse} then {@code verify}; github.com/huggingface/Math-Verify): {@code 1,000} =
 * {@code 1000}, {@code \frac{1}{2}} = {@code 0.5}, {@code x = 2} = {@code 2}, {@code \{1, 2\}} =
 * {@code \{2, 1\}}, {@code x ≤ 5} = {@code 5 ≥ x}, but {@code (1, 2)} ≠ {@code [1, 2]}. Never
 * throws and never hangs: every pair gets a verdict and a reason, within {@link #VERDICT_BUDGET_MS}
 * of algebra-system time.
 *
 * <pre>{@code
 * AnswerVerifier.standard().verifyOutput("3", "<think>7+5=12. 12-9=3.</think> \\boxed{3}", false)
 *   → Verdict[correct=true, goldParsed=3, predParsed=3, reason=equal numbers]
 * new AnswerVerifier(COUNTED, ExtractionConfig.mathVerify())
 *     .verify("$7.78$", "To find the cost … Final Answer: The final answer is 7.78.")
 *   → correct, predParsed=7.78 (found by "final answer is")
 * }</pre>
 *
 * <p>Truncation rule: a prediction that ended at the token limit (finish reason LENGTH) does not
 * count by default, as in ThinkPrune's paper; {@link TruncationRule#COUNTED} lets its answer count,
 * as in ThinkPrune's code.
 */
public final class AnswerVerifier {

  /**
   * The verifier's version, part of every reward's version id: a changed verifier is a changed
   * reward. 3: Math-Verify's extraction and rules.
   */
  public static final int VERSION = 3;

  /** Most algebra-system time one verdict may use, in all its symbolic questions. */
  static final long VERDICT_BUDGET_MS = 5_000;

  /** Whether an answer in a trace cut by the token limit counts. */
  public enum TruncationRule {
    /** A truncated trace is incorrect, whatever it contains (the default). */
    NOT_COUNTED,
    /** A truncated trace's final answer is judged like any other. */
    COUNTED
  }

  private final TruncationRule truncation;
  private final ExtractionConfig extraction;

  /** A verifier reading model outputs as RL rewards do ({@link ExtractionConfig#reward()}). */
  public AnswerVerifier(TruncationRule truncation) {
    this(truncation, ExtractionConfig.reward());
  }

  /**
   * @param extraction how answers are found in a model output (gold answers are always read with
   *     {@link ExtractionConfig#mathVerify()} targets)
   */
  public AnswerVerifier(TruncationRule truncation, ExtractionConfig extraction) {
    this.truncation = truncation;
    this.extraction = extraction;
  }

  /** A verifier that does not count truncated traces and reads outputs as rewards do. */
  public static AnswerVerifier standard() {
    return new AnswerVerifier(TruncationRule.NOT_COUNTED);
  }

  /**
   * Judges a model's output, a whole completion, against the gold answer (a bare answer or a
   * solution with a marked one).
   *
   * @param truncated whether generation stopped at the token limit
   */
  public Verdict verifyOutput(String gold, String output, boolean truncated) {
    return SymbolicEquality.withBudget(
        VERDICT_BUDGET_MS,
        () -> {
          AnswerReader.Reading goldReading = AnswerReader.read(gold, goldConfig(), true);
          if (truncated && truncation == TruncationRule.NOT_COUNTED) {
            return new Verdict(
                false, goldReading.rendered(), "", "truncated at the token limit (not counted)");
          }
          return compare(goldReading, AnswerReader.read(output, extraction, false));
        });
  }

  /**
   * Judges a pair where either side may be a bare answer or a text with a marked final answer (what
   * {@code brevity verify} reads).
   */
  public Verdict verify(String gold, String prediction) {
    return SymbolicEquality.withBudget(
        VERDICT_BUDGET_MS,
        () ->
            compare(
                AnswerReader.read(gold, goldConfig(), true),
                AnswerReader.read(prediction, extraction, true)));
  }

  private ExtractionConfig goldConfig() {
    return ExtractionConfig.mathVerify().withComma(extraction.comma());
  }

  private static Verdict compare(AnswerReader.Reading gold, AnswerReader.Reading pred) {
    if (gold.answer().isEmpty() && pred.answer().isEmpty() && !gold.found().isEmpty()) {
      boolean same = gold.found().strip().equals(pred.found().strip());
      return new Verdict(
          same,
          gold.found(),
          pred.found(),
          same ? "identical text, neither parsed" : "gold answer: " + gold.reason());
    }
    if (gold.answer().isEmpty()) {
      return new Verdict(false, gold.found(), pred.found(), "gold answer: " + gold.reason());
    }
    Optional<Answer> predAnswer = pred.answer();
    if (predAnswer.isEmpty()) {
      return new Verdict(false, gold.rendered(), pred.found(), pred.reason());
    }
    Match match;
    try {
      match = AnswerMatcher.match(gold.answer().get(), predAnswer.get());
    } catch (RuntimeException | StackOverflowError e) {
      match = new Match(false, "cannot compare: " + e);
    }
    return new Verdict(match.equal(), gold.rendered(), pred.rendered(), match.reason());
  }
}
