package dev.brevity.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns byte-level BPE merges from a corpus and writes a Hugging Face {@code tokenizer.json}: the
 * 256 byte symbols, then one token per merge (most frequent adjacent pair first, ties broken
 * alphabetically, so the result is deterministic), then the special tokens.
 */
public final class BpeTrainer {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BpeTrainer() {}

  /**
   * The tokenizer.json text for {@code corpus}.
   *
   * @param merges at most this many merges (fewer if pairs run out)
   * @param specialTokens added tokens, in id order after the merges; each is one token
   * @param special which of them are special (dropped when decoding without special tokens)
   */
  public static String train(
      List<String> corpus, int merges, List<String> specialTokens, List<Boolean> special) {
    Map<List<String>, Integer> words = new HashMap<>();
    for (String text : corpus) {
      for (String piece : splitOut(text, specialTokens)) {
        for (List<String> word : ByteLevel.preTokenize(piece)) {
          words.merge(word, 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int b = 0; b < 256; b++) {
      vocab.put(ByteLevel.charOf(b), b);
    }
    List<String> mergeRules = new ArrayList<>();
    while (mergeRules.size() < merges) {
      Map<String, Integer> pairs = new HashMap<>();
      words.forEach(
          (word, count) -> {
            for (int i = 0; i + 1 < word.size(); i++) {
              pairs.merge(word.get(i) + " " + word.get(i + 1), count, Integer::sum);
            }
          });
      String best = null;
      int bestCount = 1;
      for (Map.Entry<String, Integer> pair : pairs.entrySet()) {
        int count = pair.getValue();
        if (count > bestCount
            || count == bestCount && best != null && pair.getKey().compareTo(best) < 0) {
          best = pair.getKey();
          bestCount = count;
        }
      }
      if (best == null) {
        break;
      }
      String[] parts = best.split(" ");
      mergeRules.add(best);
      vocab.put(parts[0] + parts[1], vocab.size());
      words = applyMerge(words, parts[0], parts[1]);
    }
    return json(vocab, mergeRules, specialTokens, special);
  }

  private static Map<List<String>, Integer> applyMerge(
      Map<List<String>, Integer> words, String left, String right) {
    Map<List<String>, Integer> merged = new HashMap<>();
    words.forEach(
        (word, count) -> {
          List<String> out = new ArrayList<>(word.size());
          for (int i = 0; i < word.size(); i++) {
            if (i + 1 < word.size() && word.get(i).equals(left) && word.get(i + 1).equals(right)) {
              out.add(left + right);
              i++;
            } else {
              out.add(word.get(i));
            }
          }
          merged.merge(out, count, Integer::sum);
        });
    return merged;
  }

  /** Text between occurrences of the special tokens (which are never part of merges). */
  private static List<String> splitOut(String text, List<String> specialTokens) {
    List<String> pieces = new ArrayList<>(List.of(text));
    for (String token : specialTokens) {
      List<String> next = new ArrayList<>();
      for (String piece : pieces) {
        next.addAll(List.of(piece.split(java.util.regex.Pattern.quote(token), -1)));
      }
      pieces = next;
    }
    return pieces;
  }

  private static String json(
      Map<String, Integer> vocab,
      List<String> merges,
      List<String> specialTokens,
      List<Boolean> special) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < specialTokens.size(); i++) {
      ObjectNode token = added.addObject();
      token.put("id", vocab.size() + i);
      token.put("content", specialTokens.get(i));
      token.put("single_word", false);
      token.put("lstrip", false);
      token.put("rstrip", false);
      token.put("normalized", false);
      token.put("special", special.get(i));
    }
    root.putNull("normalizer");
    ObjectNode preTokenizer = root.putObject("pre_tokenizer");
    preTokenizer.put("type", "Sequence");
    ArrayNode steps = preTokenizer.putArray("pretokenizers");
    steps.addObject().put("type", "Digits").put("individual_digits", true);
    steps
        .addObject()
        .put("type", "ByteLevel")
        .put("add_prefix_space", false)
        .put("trim_offsets", true)
        .put("use_regex", true);
    root.putNull("post_processor");
    root.putObject("decoder")
        .put("type", "ByteLevel")
        .put("add_prefix_space", false)
        .put("trim_offsets", true)
        .put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocabNode = model.putObject("vocab");
    vocab.forEach(vocabNode::put);
    ArrayNode mergeNode = model.putArray("merges");
    merges.forEach(mergeNode::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
