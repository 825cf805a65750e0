package dev.brevity.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.FinishReason;
import dev.brevity.events.Trace;
import dev.brevity.testsupport.SampleEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineRunTest {

  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void thePublishPauseIsTheWaitForTheFirstGenerationWithANewVersionOverTheUpdateInterval() {
    // v1 published at 10 s, v2 at 30 s; the run started at 0 s
    List<CheckpointPublished> checkpoints = List.of(checkpoint(1, 10_000), checkpoint(2, 30_000));
    List<Trace> traces =
        List.of(
            trace(0, 9_000, 8_000), // v0: no pause is measured for the reference
            trace(1, 15_000, 3_000), // generation with v1 started at 12 s: (12 − 10) / 10
            trace(1, 14_000, 1_000), // ... or at 13 s: the first start counts
            trace(2, 40_000, 5_000)); // with v2 at 35 s: (35 − 30) / (30 − 10)
    List<Double> pauses = PipelineRun.publishPauses(T0, checkpoints, traces);
    assertThat(pauses).hasSize(2);
    assertThat(pauses.get(0)).isCloseTo(0.2, offset(1e-12));
    assertThat(pauses.get(1)).isCloseTo(0.25, offset(1e-12));
  }

  @Test
  void idleFractionsAndThroughputAreOverTheWallTime() {
    PipelineRun run = new PipelineRun(100, 25, 120, 2, 5_000, List.of());
    assertThat(run.trainerIdle()).isCloseTo(0.75, offset(1e-12));
    assertThat(run.samplerIdle()).isCloseTo(0.4, offset(1e-12)); // 120 busy of 2 × 100
    assertThat(run.tokensPerSecond()).isCloseTo(50, offset(1e-12));
  }

  @Test
  void theReportPairsTheRunsThatRanSideBySide() {
    // η=0 runs of 30 s and 24 s alternated with η=1 runs of 20 s and 16 s: speed-ups 1.5 and 1.5
    PipelineRun sync1 = new PipelineRun(30, 12, 15, 1, 30_000, List.of(0.02));
    PipelineRun sync2 = new PipelineRun(24, 12, 12, 1, 24_000, List.of(0.04));
    PipelineRun async1 = new PipelineRun(20, 12, 15, 1, 40_000, List.of());
    PipelineRun async2 = new PipelineRun(16, 12, 12, 1, 32_000, List.of());
    PipelineRun two = new PipelineRun(20, 12, 30, 2, 36_000, List.of());
    List<BenchRow> rows =
        new PipelineBench()
            .rows(
                new PipelineBench.Figures(
                    List.of(sync1, sync2), List.of(async1, async2), List.of(two)));
    assertThat(rows).extracting(BenchRow::figure).doesNotContain("publish pause, η=1");
    BenchRow speedUp = find(rows, "speed-up of η=1 over η=0");
    assertThat(speedUp.stats().median()).isCloseTo(1.5, offset(1e-12));
    assertThat(speedUp.stats().count()).isEqualTo(2);
    // trainer idle at η=0: 1 − 12/30 = 60 %, 1 − 12/24 = 50 %
    assertThat(find(rows, "trainer idle, η=0").stats().median()).isCloseTo(55, offset(1e-9));
    // 2 samplers: 1,800 tokens/s against the first η=1 run's 2,000
    assertThat(find(rows, "scale-out, 2 samplers over 1").stats().median())
        .isCloseTo(0.9, offset(1e-12));
    assertThat(find(rows, "publish pause, η=0").stats().median()).isCloseTo(3, offset(1e-9));
  }

  private static BenchRow find(List<BenchRow> rows, String figure) {
    return rows.stream().filter(r -> r.figure().equals(figure)).findFirst().orElseThrow();
  }

  private static CheckpointPublished checkpoint(long version, long atMillis) {
    return CheckpointPublished.newBuilder()
        .setEventId("c")
        .setRunId("r")
        .setOccurredAt(T0.plusMillis(atMillis))
        .setPolicyVersion(version)
        .setUri("file:/c/v" + version)
        .setManifestSha256("0")
        .setStep(version)
        .build();
  }

  private static Trace trace(long version, long doneAtMillis, long generationMillis) {
    Trace trace =
        SampleEvents.trace("r", "q" + version + "-" + doneAtMillis, "x", FinishReason.EOS);
    trace.setPolicyVersion(version);
    trace.setOccurredAt(T0.plusMillis(doneAtMillis));
    trace.setGenerationMillis(generationMillis);
    return trace;
  }
}
