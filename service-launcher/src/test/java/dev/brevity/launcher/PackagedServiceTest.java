package dev.brevity.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedServiceTest {

  @TempDir Path dir;

  @Test
  void aMissingJarIsReportedBeforeAnythingStarts() {
    Path jar = PackagedService.jar(dir.resolve("reward-service"));

    assertThat(jar).isEqualTo(dir.resolve("reward-service/target/quarkus-app/quarkus-run.jar"));
    assertThatThrownBy(
            () -> PackagedService.start("reward", jar, "64m", 1, Map.of(), dir.resolve("r.log")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(jar.toAbsolutePath() + " is missing");
  }

  @Test
  void aServiceThatExitsFailsTheWaitWithItsOutput() throws Exception {
    Path jar = brokenJar();
    Path log = dir.resolve("logs/broken.log");
    PackagedService service =
        PackagedService.start("broken", jar, "64m", PackagedService.freePort(), Map.of(), log);

    assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broken exited with code 1 (its log: " + log + "):\n")
        .hasMessageContaining("jarfile");
    assertThat(service.alive()).isFalse();
    assertThat(service.output()).contains("jarfile");
  }

  @Test
  void anEchoedServiceHandsOverEveryLineAndItsFailureNamesOnlyTheLog() throws Exception {
    List<String> echoed = new CopyOnWriteArrayList<>();
    Path log = dir.resolve("broken.log");
    PackagedService service =
        PackagedService.start(
            "broken", brokenJar(), "64m", PackagedService.freePort(), Map.of(), log, echoed::add);

    assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(30)))
        .hasMessage("broken exited with code 1 (its log: " + log + ")");
    service.close();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (echoed.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(String.join("\n", echoed)).contains("jarfile");
  }

  @Test
  void metricsAreSummedOverTheLabelSetsThatMatch() {
    String exposition =
        """
        # HELP brevity_scored_total Traces scored.
        # TYPE brevity_scored_total counter
        brevity_scored_total{reward="kimi"} 3.0
        brevity_scored_total{reward="o1-pruner"} 4.0
        brevity_scored_total_created{reward="kimi"} 1.7E9
        brevity_busy_seconds 2.5
        """;

    assertThat(PackagedService.metricSum(exposition, "brevity_scored_total", "")).isEqualTo(7.0);
    assertThat(PackagedService.metricSum(exposition, "brevity_scored_total", "kimi"))
        .isEqualTo(3.0);
    assertThat(PackagedService.metricSum(exposition, "brevity_busy_seconds", "")).isEqualTo(2.5);
    assertThat(PackagedService.metricSum(exposition, "brevity_absent", "")).isZero();
  }

  /** A file named like a packaged service that {@code java -jar} refuses at once. */
  private Path brokenJar() throws Exception {
    Path jar = PackagedService.jar(dir.resolve("broken-service"));
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "not a jar");
    return jar;
  }
}
