package dev.brevity.verify;

import java.util.Optional;

/** The final answer of a reasoning trace: the content of its last {@code \boxed{…}}. */
public final class BoxedAnswer {

  private static final String OPEN = "\\boxed{";

  private BoxedAnswer() {}

  /**
   * The content of the last {@code \boxed{…}} in {@code text}, braces balanced (so {@code
   * \boxed{\frac{1}{2}}} gives {@code \frac{1}{2}}), trimmed; empty if there is none or it is never
   * closed.
   */
  public static Optional<String> last(String text) {
    int start = text.lastIndexOf(OPEN);
    if (start < 0) {
      return Optional.empty();
    }
    int depth = 1;
    int contentStart = start + OPEN.length();
    for (int i = contentStart; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return Optional.of(text.substring(contentStart, i).trim());
      }
    }
    return Optional.empty();
  }
}
