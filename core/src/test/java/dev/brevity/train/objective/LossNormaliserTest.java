package dev.brevity.train.objective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.run.RunPlan;
import dev.brevity.run.RunPlan.Aggregation;
import dev.brevity.train.Rollout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a minibatch's summed token losses are divided by. Dr. GRPO's constant normaliser keeps the
 * step size of a token the same as outputs shorten; the token mean grows it.
 */
class LossNormaliserTest {

  private static Rollout ofLength(int length) {
    return new Rollout(
        "r/0",
        "r",
        "p",
        1,
        0,
        0,
        0,
        false,
        new int[] {1},
        new int[length],
        new float[length],
        true,
        0,
        false);
  }

  @Test
  void eachAggregationDividesByItsOwnCount() {
    List<Rollout> batch = List.of(ofLength(100), ofLength(300));
    assertThat(TokenClip.normaliser(Aggregation.TOKEN_MEAN, batch, 400)).isEqualTo(400);
    assertThat(TokenClip.normaliser(Aggregation.SEQUENCE_MEAN, batch, 400)).isEqualTo(2);
    assertThat(TokenClip.normaliser(Aggregation.SEQ_MEAN_TOKEN_SUM_NORM, batch, 400))
        .isEqualTo(800);
  }

  @Test
  void onlyTheConstantNormaliserIgnoresHowLongTheOutputsAre() {
    List<Rollout> long_ = List.of(ofLength(300), ofLength(300));
    List<Rollout> short_ = List.of(ofLength(100), ofLength(100));
    assertThat(TokenClip.normaliser(Aggregation.TOKEN_MEAN, short_, 400))
        .isLessThan(TokenClip.normaliser(Aggregation.TOKEN_MEAN, long_, 400));
    assertThat(TokenClip.normaliser(Aggregation.SEQ_MEAN_TOKEN_SUM_NORM, short_, 400))
        .isEqualTo(TokenClip.normaliser(Aggregation.SEQ_MEAN_TOKEN_SUM_NORM, long_, 400));
  }

  @Test
  void drGrpoDropsBothNormalisersUnlessTheAggregationIsGiven() {
    RunPlan drGrpo = RunPlan.parse("grpo", "reward: correctness\nnorm-adv-by-std: false\n");
    assertThat(drGrpo.objective().aggregation()).isEqualTo(Aggregation.SEQ_MEAN_TOKEN_SUM_NORM);
    RunPlan grpo = RunPlan.parse("grpo", "reward: correctness\n");
    assertThat(grpo.objective().aggregation()).isEqualTo(Aggregation.TOKEN_MEAN);
    RunPlan chosen =
        RunPlan.parse(
            "grpo", "reward: correctness\nnorm-adv-by-std: false\naggregation: token-mean\n");
    assertThat(chosen.objective().aggregation()).isEqualTo(Aggregation.TOKEN_MEAN);
  }
}
