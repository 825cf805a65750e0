package dev.brevity.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.task.ArithmeticTask;
import dev.brevity.task.ArithmeticTask.Example;
import dev.brevity.task.ArithmeticTask.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled tokenizer through the real Hugging Face tokenizers library (DJL, offline). */
class BundledTokenizerTest {

  private static TextTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = TextTokenizer.bundled();
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  /** The committed tokenizer.json is what the recipe makes (the candidate goes to target/). */
  @Test
  void committedTokenizerIsRegeneratedExactly() throws IOException {
    String regenerated = BundledTokenizer.tokenizerJson();
    String committed = new String(BundledTokenizer.committedJson(), StandardCharsets.UTF_8);
    if (!regenerated.equals(committed)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "tokenizer.json"), regenerated);
    }
    assertThat(committed)
        .as("copy target/tokenizer.json to src/main/resources%s", BundledTokenizer.RESOURCE)
        .isEqualTo(regenerated);
  }

  @Test
  void decodeReproducesEveryTraceExactly() {
    for (Example example : ArithmeticTask.examples(Split.EVAL, 20, 5)) {
      for (String text :
          new String[] {example.problem().question(), example.minimal(), example.teacher()}) {
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
      }
    }
    String foreign = "Ünïcode ∑ 😀, tabs\tand\nnewlines: x² ≥ 0";
    assertThat(tokenizer.decode(tokenizer.encode(foreign))).isEqualTo(foreign);
  }

  @Test
  void digitsAreOneTokenEachAndTheDelimitersOneToken() {
    int[] ids = tokenizer.encode("<think>27+15=42</think>");

    assertThat(ids).hasSize(10); // <think> 2 7 + 1 5 = 4 2 </think>
    assertThat(ids[0]).isEqualTo(tokenizer.tokenId("<think>").orElseThrow());
    assertThat(ids[9]).isEqualTo(tokenizer.tokenId("</think>").orElseThrow());
    assertThat(tokenizer.decode(new int[] {ids[1]})).isEqualTo("2");
  }

  @Test
  void wordsOfTheTracesAreSingleTokens() {
    assertThat(tokenizer.encode(" check")).hasSize(1);
    assertThat(tokenizer.encode("Wait")).hasSize(1);
  }

  @Test
  void specialTokensHaveIdsAfterTheMerges() {
    int eos = tokenizer.tokenId(TextTokenizer.END_OF_TEXT).orElseThrow();
    int pad = tokenizer.tokenId(TextTokenizer.PAD).orElseThrow();

    assertThat(eos).isEqualTo(tokenizer.vocabSize() - BundledTokenizer.ADDED.size());
    assertThat(eos).isBetween(256 + 100, 256 + BundledTokenizer.MERGES); // the merges come first
    assertThat(pad).isEqualTo(eos + 1);
    assertThat(tokenizer.encode("11" + TextTokenizer.END_OF_TEXT)).endsWith(eos);
    assertThat(Arrays.stream(tokenizer.encode("hello")).max().orElseThrow())
        .isLessThan(tokenizer.vocabSize());
  }
}
