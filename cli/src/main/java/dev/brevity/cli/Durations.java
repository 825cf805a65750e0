package dev.brevity.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as options spell them: {@code 45s}, {@code 90m}, {@code 2h}. */
final class Durations {

  private static final Pattern SPELLING = Pattern.compile("(\\d+)([smh])");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming {@code option} and the valid spellings
   */
  static Duration parse(String option, String text) {
    Matcher matcher = SPELLING.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          option + ": '" + text + "' is not a duration; write e.g. 45s, 90m or 2h");
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }
}
