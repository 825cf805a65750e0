package dev.brevity.verify;

import java.util.List;

/**
 * Which answer forms are looked for in a completion, and at what priority: Brevity's counterpart of
 * Math-Verify's {@code LatexExtractionConfig} and {@code ExprExtractionConfig}
 * (github.com/huggingface/Math-Verify, {@code parser.py}).
 *
 * <p>Patterns are tried by priority, lowest first: 0 "final answer is $X$. I hope", the boxed
 * priority ({@code \boxed{}}, {@code \fbox{}}), 50 "final answer … is X", 100 "answer: … X", 200
 * "answer … X", 300 (only when {@code withoutAnchor}) any math environment or plain number. Within
 * a priority the match ending last is tried first; the first that parses is the answer.
 *
 * <pre>{@code
 * ExtractionConfig.mathVerify()  // Math-Verify's parse() default: LaTeX (boxed at 50) + plain
 * ExtractionConfig.reward()      // open-r1's accuracy reward: LaTeX only, boxed first, anchored
 * }</pre>
 *
 * @param targets what to look for
 * @param comma what a {@code ,} between digits means in a plain number
 */
public record ExtractionConfig(List<Target> targets, CommaRule comma) {

  /** What a comma between digits means in a plain (non-LaTeX) number. */
  public enum CommaRule {
    /**
     * Math-Verify's rule: a thousands separator in {@code 1,000} and {@code 12,345,678} (groups of
     * three after a non-zero lead), a decimal comma otherwise ({@code 1000,99}, {@code 0,111}).
     */
    AUTO,
    /** Always a thousands separator (or a list separator when the groups are not of three). */
    THOUSANDS,
    /** Always a decimal comma ({@code 1,000} is one). */
    DECIMAL
  }

  /** One kind of answer to look for. */
  public sealed interface Target {}

  /**
   * LaTeX in a math environment ({@code $…$}, {@code $$…$$}, {@code \(…\)}, {@code \[…\]}, {@code [
   * … ]}), a bare {@code \frac{a}{b}}, and {@code \boxed{}}.
   *
   * @param boxedPriority priority of {@code \boxed{}}: 0 before everything, 50 Math-Verify's
   *     default (after "final answer is … I hope"), -1 never
   * @param withoutAnchor whether an environment with no "answer" before it counts (priority 300)
   */
  public record Latex(int boxedPriority, boolean withoutAnchor) implements Target {}

  /**
   * Plain numbers ({@code 1,000.5}, {@code -3}, {@code 20%}) and arithmetic ({@code 1/2}).
   *
   * @param withoutAnchor whether a number with no "answer" before it counts (priority 300)
   */
  public record Expr(boolean withoutAnchor) implements Target {}

  public ExtractionConfig {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("an extraction config needs at least one target");
    }
  }

  /**
   * Math-Verify's {@code parse()} default: {@code [LatexExtractionConfig(),
   * ExprExtractionConfig()]}.
   */
  public static ExtractionConfig mathVerify() {
    return new ExtractionConfig(List.of(new Latex(50, true), new Expr(true)), CommaRule.AUTO);
  }

  /**
   * The setting Brevity's rewards and evaluations use, after open-r1's and TRL's {@code
   * accuracy_reward} ({@code LatexExtractionConfig(boxed_match_priority=0,
   * try_extract_without_anchor=False)}): {@code \boxed{}} first, then only anchored answers ("final
   * answer is $X$", "the answer is 7"); never a stray environment or number. Unlike open-r1 a plain
   * number after "answer" counts ({@code Expr(false)}), as budget forcing's "the answer is N"
   * needs.
   */
  public static ExtractionConfig reward() {
    return new ExtractionConfig(List.of(new Latex(0, false), new Expr(false)), CommaRule.AUTO);
  }

  /** The same targets with another comma rule. */
  public ExtractionConfig withComma(CommaRule rule) {
    return new ExtractionConfig(targets, rule);
  }
}
