package dev.brevity.cli.replay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range of policy versions, as {@code --versions} spells it: {@code A..B}, {@code A..}
 * (A and later), {@code ..B} (up to B) or {@code N} (N alone).
 *
 * @param from the first version included
 * @param to the last version included ({@link Long#MAX_VALUE} when open)
 */
public record VersionRange(long from, long to) {

  /** Every version. */
  public static final VersionRange ALL = new VersionRange(0, Long.MAX_VALUE);

  private static final Pattern RANGE = Pattern.compile("(\\d+)?\\.\\.(\\d+)?");
  private static final Pattern SINGLE = Pattern.compile("\\d+");

  /**
   * @throws IllegalArgumentException naming the option and the valid forms
   */
  public static VersionRange parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    try {
      if (SINGLE.matcher(trimmed).matches()) {
        long version = Long.parseLong(trimmed);
        return new VersionRange(version, version);
      }
      Matcher range = RANGE.matcher(trimmed);
      if (range.matches() && (range.group(1) != null || range.group(2) != null)) {
        long from = range.group(1) == null ? 0 : Long.parseLong(range.group(1));
        long to = range.group(2) == null ? Long.MAX_VALUE : Long.parseLong(range.group(2));
        if (from <= to) {
          return new VersionRange(from, to);
        }
      }
    } catch (NumberFormatException e) {
      // too many digits: reported below like any other bad range
    }
    throw new IllegalArgumentException(
        "--versions: '"
            + text
            + "' is not a range of policy versions; use A..B, A.., ..B or N"
            + " (inclusive, A <= B, e.g. 2..5)");
  }

  public boolean contains(long version) {
    return version >= from && version <= to;
  }

  @Override
  public String toString() {
    if (from == to) {
      return Long.toString(from);
    }
    return (from == 0 ? "" : Long.toString(from)) + ".." + (to == Long.MAX_VALUE ? "" : to);
  }
}
