package dev.brevity.verify;

import dev.brevity.verify.AnswerExtractor.Candidate;
import dev.brevity.verify.AnswerExtractor.Part;
import dev.brevity.verify.ExtractionConfig.CommaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the answer of one side of a pair: a bare answer as a whole ({@code \sqrt{2}}, {@code
 * 1000,99}, {@code \text{Monday}}), else the first candidate {@link AnswerExtractor} finds that
 * parses. What cannot be read is "no answer", with the reason; prose never becomes an expression.
 *
 * <pre>{@code
 * read("\\frac{1}{2}", mathVerify(), true)                → 1/2 (bare)
 * read("so the final answer is $28 \\%$", mathVerify(), true) → 28% (final answer is)
 * read("I cannot solve this.", mathVerify(), true)        → no answer
 * }</pre>
 */
final class AnswerReader {

  /**
   * One side, read.
   *
   * @param answer the parsed answer, if any
   * @param found the text taken as the answer ("" if none)
   * @param reason why there is no answer (empty when there is)
   */
  record Reading(Optional<Answer> answer, String found, String reason) {
    String rendered() {
      return answer.map(Answer::canonical).orElse(found);
    }
  }

  private static final int MAX_BARE_LENGTH = 300;
  private static final Pattern PROSE =
      Pattern.compile("[A-Za-z]{2,}(?:[\\s,.:;]+[A-Za-z]{2,}){2,}");
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile(
          "-?(?:(?<thousands>[1-9]\\d{0,2}(?:[ ,]\\d{3})+(?:\\.\\d+)?)|\\d+[.,]\\d+|\\.\\d+|\\d+)"
              + "(?<pct>\\s*(?:\\\\?%|percent|pct))?");

  private AnswerReader() {}

  static Reading read(String text, ExtractionConfig config, boolean allowBare) {
    String bareReason = null;
    if (allowBare && isBare(text)) {
      Reading bare = bare(text.strip(), config.comma());
      if (bare.answer().isPresent()) {
        return bare;
      }
      bareReason = bare.reason();
    }
    List<Candidate> candidates = AnswerExtractor.candidates(text, config);
    if (candidates.isEmpty() && bareReason != null) {
      return new Reading(Optional.empty(), text.strip(), bareReason);
    }
    if (candidates.isEmpty()) {
      return new Reading(
          Optional.empty(),
          "",
          "no final answer (no \\boxed{}, \"final answer is\", math environment or number found)");
    }
    String firstReason = null;
    for (Candidate candidate : candidates) {
      try {
        return new Reading(Optional.of(parse(candidate)), joined(candidate), "");
      } catch (IllegalArgumentException | StackOverflowError e) {
        if (firstReason == null) {
          firstReason = "cannot parse the " + candidate.source() + " answer: " + e.getMessage();
        }
      }
    }
    return new Reading(Optional.empty(), joined(candidates.get(0)), firstReason);
  }

  /** A whole text with no math delimiters, no box and no prose: a bare answer. */
  static boolean isBare(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_BARE_LENGTH || s.contains("\n")) {
      return false;
    }
    if (s.replace("\\$", "").contains("$")
        || s.contains("\\(")
        || s.contains("\\[")
        || s.contains("\\boxed")
        || s.contains("\\fbox")) {
      return false;
    }
    String words = s.replaceAll("\\\\text\\{[^{}]*\\}", " ").replaceAll("\\\\[a-zA-Z]+", " ");
    return !PROSE.matcher(words).find();
  }

  private static Reading bare(String s, CommaRule comma) {
    Matcher number = PLAIN_NUMBER.matcher(s);
    if (number.matches() && s.contains(",") && comma != CommaRule.THOUSANDS) {
      String digits = number.group("pct") == null ? s : s.substring(0, number.start("pct"));
      boolean thousands = number.group("thousands") != null && comma == CommaRule.AUTO;
      String plain =
          thousands ? digits.replace(",", "").replace(" ", "") : digits.replace(",", ".");
      try {
        return new Reading(
            Optional.of(AnswerParser.parsePlain(plain.strip(), number.group("pct") != null)),
            s,
            "");
      } catch (IllegalArgumentException e) {
        return new Reading(Optional.empty(), s, e.getMessage());
      }
    }
    try {
      return new Reading(Optional.of(AnswerParser.parse(s)), s, "");
    } catch (IllegalArgumentException | StackOverflowError e) {
      return new Reading(Optional.empty(), s, e.getMessage()); // then look for one inside it
    }
  }

  /** One part is its answer; several ("1, 2 and 3") are a set. */
  private static Answer parse(Candidate candidate) {
    List<Answer> parts = new ArrayList<>();
    for (Part part : candidate.parts()) {
      parts.add(part.plain() ? AnswerParser.parsePlain(part.text(), part.percent()) : latex(part));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    List<Answer> items = new ArrayList<>();
    for (Answer part : parts) {
      if (part instanceof Answer.Collection c && !c.kind().equals("union")) {
        items.addAll(c.items());
      } else {
        items.add(part);
      }
    }
    return new Answer.Collection("set", items);
  }

  private static Answer latex(Part part) {
    Answer answer = AnswerParser.parse(part.text());
    if (!part.percent()) {
      return answer;
    }
    if (answer instanceof Answer.Number n) {
      return new Answer.Number(n.value(), true, n.decimal());
    }
    if (answer instanceof Answer.Expression e) {
      return new Answer.Expression(e.source() + "\\%", "(" + e.infix() + ")/100");
    }
    return answer;
  }

  private static String joined(Candidate candidate) {
    return String.join(" and ", candidate.parts().stream().map(Part::text).toList());
  }
}
