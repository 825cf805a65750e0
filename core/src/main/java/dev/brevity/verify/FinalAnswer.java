package dev.brevity.verify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a solution or model output, in this order: the last {@code \boxed{…}}
 * (or {@code \fbox{…}}, nested braces kept), the last {@code #### N} line (GSM8K), the last "the
 * answer is N" / "answer: N".
 */
public final class FinalAnswer {

  /** An answer and where it was found: boxed, ####, answer-is, or whole (the text itself). */
  public record Extracted(String answer, String source) {}

  private static final Pattern HASHES = Pattern.compile("####\\s*([^\\n]+)");
  private static final Pattern ANSWER_IS =
      Pattern.compile("(?i)answer\\s*(?:is|:)\\s*:?\\s*(.+?)\\s*(?:\\.(?:\\s|$)|\\n|$)");

  private FinalAnswer() {}

  /** The final answer marked in {@code text}, if any. */
  public static Optional<Extracted> find(String text) {
    Optional<String> boxed = BoxedAnswer.last(text.replace("\\fbox{", "\\boxed{"));
    if (boxed.isPresent()) {
      return Optional.of(new Extracted(boxed.get(), "boxed"));
    }
    Optional<String> hashes = last(HASHES.matcher(text));
    if (hashes.isPresent()) {
      return Optional.of(new Extracted(hashes.get(), "####"));
    }
    return last(ANSWER_IS.matcher(text)).map(answer -> new Extracted(answer, "answer-is"));
  }

  /** The marked final answer, or the whole text when nothing is marked (a bare answer). */
  public static Extracted findOrWhole(String text) {
    return find(text).orElseGet(() -> new Extracted(text.strip(), "whole"));
  }

  private static Optional<String> last(Matcher matcher) {
    String found = null;
    while (matcher.find()) {
      found = matcher.group(1).strip();
    }
    return Optional.ofNullable(found).filter(s -> !s.isEmpty());
  }
}
