package dev.brevity.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The final answer of a reasoning trace: the content of its last {@code \boxed{…}} (or {@code
 * \fbox{…}}), braces balanced, so {@code \boxed{\frac{1}{2}}} gives {@code \frac{1}{2}}.
 *
 * <p>As Math-Verify (latex2sympy2_extended's {@code extract_boxed_content}), boxes just before the
 * last one join it when they are close (under 10 characters apart) or separated by "and", "or", a
 * comma or a semicolon (under 70 characters): {@code \boxed{1}, \boxed{2}} gives {@code 1,2}.
 */
public final class BoxedAnswer {

  private static final String[] COMMANDS = {"\\boxed", "\\fbox"};

  /** A boxed answer: where it starts and ends in the text, and its content. */
  record Boxed(int start, int end, String content) {}

  private BoxedAnswer() {}

  /**
   * The content of the last {@code \boxed{…}} in {@code text}, trimmed; empty if there is none or
   * it is never closed.
   */
  public static Optional<String> last(String text) {
    Optional<Boxed> box = lastBox(text, text.length());
    return box.map(Boxed::content);
  }

  /** The last box with the boxes that belong with it ({@code \boxed{1}\boxed{2}} → {@code 1,2}). */
  static Optional<Boxed> lastGroup(String text) {
    Optional<Boxed> last = lastBox(text, text.length());
    if (last.isEmpty()) {
      return last;
    }
    List<String> contents = new ArrayList<>(List.of(last.get().content()));
    int start = last.get().start();
    while (true) {
      Optional<Boxed> before = lastBox(text, start);
      if (before.isEmpty() || before.get().end() > start) {
        break;
      }
      String between = text.substring(before.get().end(), start);
      boolean close = between.length() < 10;
      boolean separated =
          between.length() < 70
              && !before.get().content().equals(contents.get(contents.size() - 1))
              && between.matches("(?s).*(\\band\\b|\\bor\\b|,|;).*");
      if (!close && !separated) {
        break;
      }
      if (!before.get().content().equals(contents.get(contents.size() - 1))) {
        contents.add(before.get().content());
      }
      start = before.get().start();
    }
    Collections.reverse(contents);
    return Optional.of(new Boxed(start, last.get().end(), String.join(",", contents)));
  }

  /** Every boxed content in {@code latex} joined by commas, or {@code latex} itself if none. */
  static String allOrSelf(String latex) {
    if (!latex.contains("\\boxed") && !latex.contains("\\fbox")) {
      return latex;
    }
    List<String> contents = new ArrayList<>();
    int end = latex.length();
    Optional<Boxed> box;
    while ((box = lastBox(latex, end)).isPresent()) {
      contents.add(box.get().content());
      end = box.get().start();
    }
    if (contents.isEmpty()) {
      return latex;
    }
    Collections.reverse(contents);
    return String.join(",", contents);
  }

  /** The last closed box that starts before {@code limit}. */
  private static Optional<Boxed> lastBox(String text, int limit) {
    int from = limit;
    while (from > 0) {
      int start = -1;
      String command = null;
      for (String c : COMMANDS) {
        int at = text.lastIndexOf(c, from - 1);
        if (at > start) {
          start = at;
          command = c;
        }
      }
      if (start < 0) {
        return Optional.empty();
      }
      int open = start + command.length();
      while (open < text.length() && Character.isWhitespace(text.charAt(open))) {
        open++;
      }
      if (open < text.length() && text.charAt(open) == '{') {
        int close = closingBrace(text, open);
        if (close > 0) {
          return Optional.of(new Boxed(start, close + 1, text.substring(open + 1, close).strip()));
        }
      }
      from = start;
    }
    return Optional.empty();
  }

  private static int closingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\'
          && i + 1 < text.length()
          && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '}')) {
        i++; // an escaped brace \{ \}
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
