package dev.brevity.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits LaTeX at separators outside brackets and braces: {@code topLevel("(1,2),3", ",")} is
 * {@code ["(1,2)", "3"]}; {@code relationSides("1 < x ≤ 3", "<≤")} is {@code ["1", "x", "3"]} with
 * relations {@code ["<", "≤"]}.
 */
final class Splitter {

  /** Sides of a relation chain and the relations between them (or parts and separators). */
  record Relation(List<String> sides, List<String> relations) {}

  private Splitter() {}

  /** Splits at {@code separator} outside any brackets or braces (not at an escaped {@code \,}). */
  static List<String> topLevel(String s, String separator) {
    return split(s, (text, i) -> separatesAt(text, i, separator) ? separator.length() : 0).sides();
  }

  /** Splits at any of the single-character {@code relations} outside brackets. */
  static Relation relationSides(String s, String relations) {
    return split(
        s, (text, i) -> relations.indexOf(text.charAt(i)) >= 0 && !escaped(text, i) ? 1 : 0);
  }

  /** Where a separator starts: its length at index {@code i} of {@code s}, or 0 for none. */
  private interface Separator {
    int lengthAt(String s, int i);
  }

  /** Splits {@code s} at every separator outside brackets and braces: the parts, stripped. */
  private static Relation split(String s, Separator separator) {
    List<String> sides = new ArrayList<>();
    List<String> found = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      int nesting = nesting(s.charAt(i));
      int length = nesting == 0 && depth <= 0 ? separator.lengthAt(s, i) : 0;
      depth += nesting;
      if (length > 0) {
        sides.add(s.substring(start, i).strip());
        found.add(s.substring(i, i + length));
        start = i + length;
        i = start - 1;
      }
    }
    sides.add(s.substring(start).strip());
    return new Relation(sides, found);
  }

  /** Whether {@code separator} starts at {@code i}, not escaped and not the start of a command. */
  private static boolean separatesAt(String s, int i, String separator) {
    if (!s.startsWith(separator, i)) {
      return false;
    }
    boolean command =
        separator.startsWith("\\")
            && Character.isLetter(separator.charAt(separator.length() - 1))
            && i + separator.length() < s.length()
            && Character.isLetter(s.charAt(i + separator.length()));
    return !(escaped(s, i) && separator.length() == 1) && !command;
  }

  /** Whether the character at {@code i} follows a backslash. */
  private static boolean escaped(String s, int i) {
    return i > 0 && s.charAt(i - 1) == '\\';
  }

  /** +1 for an opening bracket or brace, −1 for a closing one, 0 for any other character. */
  private static int nesting(char c) {
    return "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
  }

  /** Starts with ( or [ whose bracket closes at the very end (so [1, 2) is bracketed). */
  static boolean isBracketed(String s) {
    if (s.length() < 2
        || "([".indexOf(s.charAt(0)) < 0
        || ")]".indexOf(s.charAt(s.length() - 1)) < 0) {
      return false;
    }
    return closesAtEnd(s);
  }

  /** Whether the opening delimiter of width {@code width} at 0 closes only at the very end. */
  static boolean isWrapped(String s, int width) {
    return s.length() >= 2 * width && closesAtEnd(s);
  }

  private static boolean closesAtEnd(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0 && i < s.length() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }
}
