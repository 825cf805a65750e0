package dev.brevity.rewardservice;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams.State;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Health of the scoring topology: live unless it failed, ready once it is running. */
final class StreamsHealth {

  private StreamsHealth() {}

  @Readiness
  @ApplicationScoped
  static class Ready implements HealthCheck {
    private final RewardStreams streams;

    Ready(RewardStreams streams) {
      this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
      State state = streams.state();
      return HealthCheckResponse.named("scoring")
          .status(state == State.RUNNING)
          .withData("state", state.name())
          .build();
    }
  }

  @Liveness
  @ApplicationScoped
  static class Live implements HealthCheck {
    private final RewardStreams streams;

    Live(RewardStreams streams) {
      this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
      State state = streams.state();
      return HealthCheckResponse.named("scoring")
          .status(state != State.ERROR && state != State.PENDING_ERROR)
          .withData("state", state.name())
          .build();
    }
  }
}
