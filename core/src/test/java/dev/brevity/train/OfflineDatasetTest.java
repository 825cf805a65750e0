package dev.brevity.train;

import static dev.brevity.train.ReferenceSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineDatasetTest {

  private static final List<List<Rollout>> SAMPLES =
      List.of(
          List.of(
              sample("a", 0, 30, true, 0.0),
              sample("a", 1, 10, true, 2.0),
              sample("a", 2, 20, false, -1.0),
              sample("a", 3, 40, true, -0.5)),
          List.of(
              sample("b", 0, 50, false, -2.0),
              sample("b", 1, 25, true, 1.0),
              sample("b", 2, 25, true, 1.0),
              sample("b", 3, 60, false, -2.0)));

  @Test
  void o1PrunerTakesTwoRowsPerProblemAndZScoresOverTheDataSet() {
    OfflineDataset data = OfflineDataset.o1Pruner(SAMPLES, 2);
    assertThat(data.rows()).hasSize(4);
    assertThat(data.unused()).hasSize(4);
    assertThat(data.rows().subList(0, 2)).allSatisfy(r -> assertThat(r.problemId()).isEqualTo("a"));
    double[] rewards = data.rows().stream().mapToDouble(Rollout::reward).toArray();
    double mean = (rewards[0] + rewards[1] + rewards[2] + rewards[3]) / 4;
    double var = 0;
    for (double r : rewards) {
      var += (r - mean) * (r - mean);
    }
    double std = Math.sqrt(var / 4);
    for (int i = 0; i < 4; i++) {
      assertThat(data.advantages()[i]).isCloseTo((rewards[i] - mean) / std, within(1e-12));
    }
    // the same samples give the same rows (seeded shuffle)
    assertThat(OfflineDataset.o1Pruner(SAMPLES, 2).rows()).isEqualTo(data.rows());
  }

  @Test
  void sftShortestKeepsTheShortestCorrectSamples() {
    OfflineDataset data = OfflineDataset.sftShortest(SAMPLES, 2);
    assertThat(data.rows().stream().map(Rollout::traceId))
        .containsExactly("a/1", "a/0", "b/1", "b/2");
  }

  @Test
  void dpoPairsShortestCorrectWithLongestCorrectWhereTheyDiffer() {
    OfflineDataset data = OfflineDataset.dpo(SAMPLES);
    // b's correct samples are equally long: no pair
    assertThat(data.rows().stream().map(Rollout::traceId)).containsExactly("a/1", "a/3");
    assertThat(data.unit()).isEqualTo(2);
    assertThat(data.units()).isEqualTo(1);
    assertThat(data.unused()).hasSize(6);
  }
}
