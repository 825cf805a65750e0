package dev.brevity.verify;

import dev.brevity.verify.AnswerVerifier.TruncationRule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a completion's thinking first reaches the right answer: the end of its first sentence whose
 * answer (the last number or expression in it, read as Math-Verify reads a bare output) equals the
 * gold answer. What the thinking adds after that point is what LC-R1's compress reward and APR
 * penalise. The verifier decides, not the task's wording: any sentence of any task.
 */
public final class FirstAnswer {

  /** Thinking ends here when the completion closes it; otherwise the whole completion thinks. */
  private static final String THINK_END = "</think>";

  /** A sentence ends at . ? ! followed by white space, or at a line break. */
  private static final Pattern SENTENCE_END = Pattern.compile("[.?!](?=\\s)|\\n");

  /** Sentences past this many characters into the thinking are not read (a bounded cost). */
  private static final int MAX_THINKING_CHARS = 20_000;

  private static final AnswerVerifier BARE =
      new AnswerVerifier(TruncationRule.COUNTED, ExtractionConfig.mathVerify());

  private FirstAnswer() {}

  /**
   * @return the number of characters of {@code completion} up to the end of the first sentence of
   *     its thinking that states the gold answer, or -1 if none does
   */
  public static int charsUntilReached(String completion, String gold) {
    int end = completion.indexOf(THINK_END);
    String thinking = completion.substring(0, end < 0 ? completion.length() : end);
    if (thinking.length() > MAX_THINKING_CHARS) {
      thinking = thinking.substring(0, MAX_THINKING_CHARS);
    }
    Matcher boundary = SENTENCE_END.matcher(thinking);
    int start = 0;
    while (start < thinking.length()) {
      int stop = boundary.find() ? boundary.end() : thinking.length();
      String sentence = thinking.substring(start, stop);
      if (!sentence.isBlank() && BARE.verifyOutput(gold, sentence, false).correct()) {
        return stop;
      }
      start = stop;
    }
    return -1;
  }
}
