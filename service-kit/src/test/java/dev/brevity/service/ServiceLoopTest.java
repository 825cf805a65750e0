package dev.brevity.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ServiceLoopTest {

  /** Ready at once; fails {@code failures} times (retrying), then works until stopped. */
  private static final class Retrying extends ServiceLoop {
    final CountDownLatch working = new CountDownLatch(1);
    int failures;

    Retrying(int failures) {
      this.failures = failures;
    }

    @Override
    protected void loop() {
      ready();
      while (!stopping()) {
        if (failures > 0) {
          failures--;
          failed(new IllegalStateException("broker away"));
          continue;
        }
        recovered();
        working.countDown();
        pause(Duration.ofMillis(5));
      }
    }
  }

  @Test
  void runsUntilStoppedAndClearsARetriedFailure() throws InterruptedException {
    Retrying loop = new Retrying(2);
    assertThat(LoopHealth.readiness("test", loop).getStatus())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
    loop.start("test-loop");
    assertThat(loop.working.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(loop.running()).isTrue();
    assertThat(loop.failure()).isNull();
    assertThat(LoopHealth.readiness("test", loop).getStatus())
        .isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(LoopHealth.liveness("test", loop).build().getStatus())
        .isEqualTo(HealthCheckResponse.Status.UP);

    loop.stop(Duration.ofSeconds(10));
    assertThat(loop.ended()).isTrue();
    assertThat(loop.running()).isFalse();
  }

  @Test
  void aFailureThatEscapesEndsTheLoopAndItIsNoLongerLive() {
    ServiceLoop loop =
        new ServiceLoop() {
          @Override
          protected void loop() {
            ready();
            throw new IllegalStateException("cannot reach the broker");
          }
        };
    loop.run();

    assertThat(loop.ended()).isTrue();
    assertThat(loop.running()).isFalse();
    assertThat(loop.failure()).hasMessage("cannot reach the broker");
    HealthCheckResponse live = LoopHealth.liveness("test", loop).build();
    assertThat(live.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(live.getData().orElseThrow()).containsEntry("lastError", "cannot reach the broker");
  }

  @Test
  void aLifecycleReportsNotStartedAsDownButLiveAndStopsTheLoopItStarted()
      throws InterruptedException {
    LoopLifecycle<Retrying> lifecycle = new LoopLifecycle<>("test", Duration.ofSeconds(10));
    assertThat(lifecycle.readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(lifecycle.liveness().build().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    lifecycle.stop();

    lifecycle.start(new Retrying(0));
    assertThat(lifecycle.loop().working.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(lifecycle.readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

    lifecycle.stop();
    assertThat(lifecycle.loop().ended()).isTrue();
    assertThat(lifecycle.readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }
}
