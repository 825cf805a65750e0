package dev.brevity.train.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.brevity.policy.Generation;
import dev.brevity.policy.Generator;
import dev.brevity.policy.LlamaConfig;
import dev.brevity.policy.LlamaModel;
import dev.brevity.policy.LlamaWeights;
import dev.brevity.policy.SamplingConfig;
import dev.brevity.tokenizer.TextTokenizer;
import dev.brevity.train.Rollout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The trainer scores the policy that sampled: with the logits divided by the sampling temperature,
 * π_old(y_t) equals the behaviour log-probability the generator recorded (verl does the same), so
 * the ratio and the importance weights of an on-policy update start at 1.
 */
class SamplingTemperatureTest {

  private static final LlamaConfig SHAPE = LlamaConfig.small(40, 16, 1, 2, 2, 32, 64, 39);
  private static final int PAD = 38;
  private static final float TEMPERATURE = 0.5f;

  @Test
  void theTrainersLogProbabilitiesAreTheSamplersAtTheSamplingTemperature() {
    try (NDManager manager = NDManager.newBaseManager();
        TextTokenizer tokenizer = TextTokenizer.bundled()) {
      Map<String, NDArray> weights = LlamaWeights.initialize(SHAPE, 5, manager);
      weights.values().forEach(w -> w.muli(10)); // a peaked distribution: T matters
      LlamaModel model = new LlamaModel(SHAPE, weights, manager);
      Generator generator = new Generator(model, tokenizer, Set.of(39), PAD);
      List<int[]> prompts = List.of(new int[] {1, 2, 3}, new int[] {4, 5});
      List<Generation> generations =
          generator.generate(prompts, new SamplingConfig(TEMPERATURE, 1, 0, 12, 11));
      List<Rollout> rollouts = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        Generation g = generations.get(i);
        rollouts.add(
            new Rollout(
                "r/" + i,
                "r",
                "p",
                1,
                i,
                0,
                0,
                false,
                prompts.get(i),
                g.tokens(),
                g.logProbs(),
                true,
                0,
                false));
      }

      List<float[]> atT = Tensors.logProbsWithoutGradients(model, rollouts, PAD, 4, TEMPERATURE);
      List<float[]> atOne = Tensors.logProbsWithoutGradients(model, rollouts, PAD, 4, 1.0);

      double largestGapAtOne = 0;
      for (int i = 0; i < rollouts.size(); i++) {
        float[] behaviour = rollouts.get(i).behaviourLogProbs();
        assertThat(atT.get(i)).hasSameSizeAs(behaviour);
        for (int t = 0; t < behaviour.length; t++) {
          assertThat((double) atT.get(i)[t]).isCloseTo(behaviour[t], within(1e-4));
          largestGapAtOne = Math.max(largestGapAtOne, Math.abs(atOne.get(i)[t] - behaviour[t]));
        }
      }
      assertThat(largestGapAtOne).as("T = 1 is another policy").isGreaterThan(1e-2);
    }
  }
}
