package dev.brevity.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generation.FinishReason;
import dev.brevity.policy.SequenceScorer.CompletionScores;
import dev.brevity.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {

  private static NDManager manager;
  private static LlamaModel model;
  private static TextTokenizer tokenizer;
  private static Generator generator;

  private static final List<int[]> PROMPTS =
      List.of(
          new int[] {5, 9, 12}, new int[] {7}, new int[] {3, 1, 4, 1, 5, 9, 2}, new int[] {20, 21});

  @BeforeAll
  static void setUp() {
    manager = NDManager.newBaseManager();
    model = TinyModels.model(TinyModels.config(), 7, manager);
    tokenizer = TextTokenizer.bundled();
    generator = new Generator(model, tokenizer, Set.of(TinyModels.EOS), 0);
  }

  @AfterAll
  static void tearDown() {
    model.close();
    manager.close();
    tokenizer.close();
  }

  @Test
  void aBatchOfDifferentLengthsGivesTheSameGreedyOutputsAsOnePromptAtATime() {
    SamplingConfig greedy = SamplingConfig.greedy(12);

    List<Generation> batched = generator.generate(PROMPTS, greedy);

    for (int i = 0; i < PROMPTS.size(); i++) {
      Generation alone = generator.generate(List.of(PROMPTS.get(i)), greedy).get(0);
      assertThat(batched.get(i).tokens()).as("prompt %d", i).isEqualTo(alone.tokens());
      assertThat(batched.get(i).finishReason()).isEqualTo(alone.finishReason());
    }
  }

  @Test
  void theCacheChangesNothingButSpeed() {
    SamplingConfig sampled = new SamplingConfig(1.0f, 0.9f, 20, 10, 42);

    List<Generation> cached = generator.generate(PROMPTS, sampled);
    List<Generation> recomputed = generator.generateWithoutCache(PROMPTS, sampled);

    for (int i = 0; i < PROMPTS.size(); i++) {
      assertThat(cached.get(i).tokens()).isEqualTo(recomputed.get(i).tokens());
    }
  }

  @Test
  void samplingIsSeededAndReproducible() {
    SamplingConfig sampled = new SamplingConfig(1.0f, 1.0f, 0, 10, 42);

    List<Generation> first = generator.generate(PROMPTS, sampled);
    List<Generation> again = generator.generate(PROMPTS, sampled);
    List<Generation> otherSeed =
        generator.generate(PROMPTS, new SamplingConfig(1.0f, 1.0f, 0, 10, 43));

    for (int i = 0; i < PROMPTS.size(); i++) {
      assertThat(again.get(i).tokens()).isEqualTo(first.get(i).tokens());
    }
    assertThat(tokens(otherSeed)).isNotEqualTo(tokens(first));
  }

  @Test
  void eachPromptsOwnSettingsMakeItsCompletionWhateverElseIsInTheBatch() {
    SamplingConfig hot = new SamplingConfig(1.0f, 1.0f, 0, 10, 42);
    SamplingConfig shortGreedy = SamplingConfig.greedy(3);
    SamplingConfig otherSeed = new SamplingConfig(0.8f, 0.9f, 0, 8, 1234);
    List<SamplingConfig> settings = List.of(hot, shortGreedy, otherSeed, hot);

    List<Generation> batched = generator.generateEach(PROMPTS, settings);

    for (int i = 0; i < PROMPTS.size(); i++) {
      Generation alone =
          generator.generateEach(List.of(PROMPTS.get(i)), List.of(settings.get(i))).get(0);
      assertThat(batched.get(i).tokens()).as("prompt %d", i).isEqualTo(alone.tokens());
      assertThat(batched.get(i).tokens().length)
          .isLessThanOrEqualTo(settings.get(i).maxNewTokens());
    }
    assertThat(batched.get(1).tokens()).hasSizeLessThanOrEqualTo(3);
    // the old API is the special case "seed + index"
    assertThat(batched.get(0).tokens()).isEqualTo(generator.generate(PROMPTS, hot).get(0).tokens());
  }

  @Test
  void logProbsOfGenerationMatchTheScorer() {
    SamplingConfig sampled = new SamplingConfig(1.0f, 1.0f, 0, 10, 3);
    List<Generation> generations = generator.generate(PROMPTS, sampled);
    List<int[]> completions = generations.stream().map(Generation::tokens).toList();

    List<CompletionScores> scores =
        SequenceScorer.scoreWithoutGradients(model, PROMPTS, completions, 0);

    for (int i = 0; i < PROMPTS.size(); i++) {
      float[] expected = generations.get(i).logProbs();
      float[] actual = scores.get(i).logProbs();
      assertThat(actual).hasSameSizeAs(expected);
      for (int t = 0; t < expected.length; t++) {
        assertThat(actual[t]).isCloseTo(expected[t], Offset.offset(1e-4f));
        assertThat(scores.get(i).entropy()[t]).isPositive();
      }
    }
  }

  @Test
  void aFilterSkipsTheBannedTokensAndOnlyThem() {
    SamplingConfig greedy = SamplingConfig.greedy(6);
    List<Generation> free = generator.generate(PROMPTS, greedy);
    // Ban, for the first completion only, the token it chose at step 2: it takes another there.
    int chosen = free.get(0).tokens()[2];
    Generator.TokenFilter banAtStep2 =
        (sequence, generated) -> sequence == 0 && generated.size() == 2 ? Set.of(chosen) : Set.of();

    List<Generation> constrained = generator.generate(PROMPTS, greedy, banAtStep2);

    assertThat(constrained.get(0).tokens())
        .startsWith(free.get(0).tokens()[0], free.get(0).tokens()[1]);
    assertThat(constrained.get(0).tokens()[2]).isNotEqualTo(chosen);
    for (int b = 1; b < PROMPTS.size(); b++) {
      assertThat(constrained.get(b).tokens()).isEqualTo(free.get(b).tokens());
    }
    assertThat(generator.generate(PROMPTS, greedy, Generator.TokenFilter.NONE))
        .extracting(Generation::text)
        .isEqualTo(free.stream().map(Generation::text).toList());
  }

  @Test
  void stopsAtEosOrTheTokenLimit() {
    List<Generation> generations =
        generator.generate(PROMPTS, new SamplingConfig(1.5f, 1f, 0, 30, 9));

    for (Generation g : generations) {
      if (g.finishReason() == FinishReason.EOS) {
        assertThat(g.tokens()[g.tokens().length - 1]).isEqualTo(TinyModels.EOS);
        assertThat(g.tokens()).hasSizeLessThanOrEqualTo(30);
      } else {
        assertThat(g.tokens()).hasSize(30).doesNotContain(TinyModels.EOS);
      }
      assertThat(g.logProbs()).hasSameSizeAs(g.tokens());
    }
    Generation cut = generator.generate(List.of(PROMPTS.get(0)), SamplingConfig.greedy(1)).get(0);
    assertThat(cut.tokens()).hasSize(1);
  }

  private static List<List<Integer>> tokens(List<Generation> generations) {
    List<List<Integer>> out = new ArrayList<>();
    for (Generation g : generations) {
      out.add(java.util.Arrays.stream(g.tokens()).boxed().toList());
    }
    return out;
  }
}
