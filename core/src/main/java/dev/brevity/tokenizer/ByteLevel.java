package dev.brevity.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-level alphabet and pre-tokenization of GPT-2 style BPE, as Hugging Face tokenizers do
 * it: every byte has a printable stand-in character (a space is {@code Ġ}), and text is split into
 * words, number runs, punctuation runs and spaces before merges apply. Digits are split one by one
 * first, so no merge ever joins digits: arithmetic stays digit by digit.
 */
final class ByteLevel {

  /** GPT-2's pre-tokenization pattern. */
  static final Pattern WORDS =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private static final String[] CHAR_OF_BYTE = charOfByte();

  private ByteLevel() {}

  /** GPT-2's bytes_to_unicode: printable bytes stand for themselves, others map above 255. */
  private static String[] charOfByte() {
    String[] chars = new String[256];
    int shifted = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      chars[b] = String.valueOf((char) (printable ? b : 256 + shifted++));
    }
    return chars;
  }

  /** The stand-in character of byte {@code b} (0–255); its token id in the base vocabulary. */
  static String charOf(int b) {
    return CHAR_OF_BYTE[b];
  }

  /** The pre-tokens of {@code text}, each as a list of byte-level symbols. */
  static List<List<String>> preTokenize(String text) {
    List<List<String>> pieces = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isDigit(c)) {
        flush(run, pieces);
        pieces.add(symbols(String.valueOf(c)));
      } else {
        run.append(c);
      }
    }
    flush(run, pieces);
    return pieces;
  }

  private static void flush(StringBuilder run, List<List<String>> pieces) {
    Matcher matcher = WORDS.matcher(run);
    while (matcher.find()) {
      pieces.add(symbols(matcher.group()));
    }
    run.setLength(0);
  }

  private static List<String> symbols(String piece) {
    List<String> symbols = new ArrayList<>();
    for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
      symbols.add(CHAR_OF_BYTE[b & 0xFF]);
    }
    return symbols;
  }
}
