package dev.brevity.rewardservice;

import dev.brevity.events.RunRequested;
import dev.brevity.reward.Rewards;
import dev.brevity.reward.VersionedReward;
import dev.brevity.run.RunConfigs;
import dev.brevity.schemas.EventCodec;
import dev.brevity.schemas.RecordLocation;
import dev.brevity.schemas.Topic;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The reward of each run and stage: the spec its configuration names for the stage ({@code reward:
 * ...}, one spec or one per stage), or the service's default spec for runs that name none or are
 * unknown here.
 */
final class RunRewards {

  private final VersionedReward fallback;
  private final Function<String, byte[]> runRequests;
  private final Map<String, VersionedReward> bySpec = new ConcurrentHashMap<>();

  /**
   * @param defaultSpec the service's spec (checked here: a bad one fails the start)
   * @param runRequests the latest brevity.runs record of a run id, or null
   */
  RunRewards(String defaultSpec, Function<String, byte[]> runRequests) {
    try {
      this.fallback = Rewards.of(defaultSpec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("brevity.reward.spec: " + e.getMessage(), e);
    }
    this.runRequests = runRequests;
  }

  /**
   * @throws IllegalArgumentException when the run's configuration or spec is invalid, saying why
   */
  VersionedReward of(String runId, int stage) {
    byte[] bytes = runRequests.apply(runId);
    if (bytes == null) {
      return fallback;
    }
    Object event =
        EventCodec.standard().decode(bytes, RecordLocation.ofTopic(Topic.RUNS.topicName()));
    if (!(event instanceof RunRequested run)) {
      return fallback;
    }
    return RunConfigs.rewardSpec(run.getConfigYaml(), stage)
        .map(spec -> bySpec.computeIfAbsent(spec, s -> ofRun(runId, s)))
        .orElse(fallback);
  }

  private static VersionedReward ofRun(String runId, String spec) {
    try {
      return Rewards.of(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run " + runId + ": " + e.getMessage(), e);
    }
  }
}
