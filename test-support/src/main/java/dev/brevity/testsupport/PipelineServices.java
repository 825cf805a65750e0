package dev.brevity.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The services of the training pipeline as one module's ITs start the others' (their packaged jars,
 * run from a sibling module's directory): the reward-service, and a sampler and a trainer that
 * share a checkpoint store.
 */
public final class PipelineServices {

  private PipelineServices() {}

  /** The reward-service, with a state directory and an application id of its own. */
  public static ServiceProcess reward(String bootstrapServers, Duration timeout)
      throws IOException {
    return sibling(
        "reward",
        "256m",
        bootstrapServers,
        Map.of(
            "brevity.reward.state-dir",
            Files.createTempDirectory("reward-state-").toString(),
            "brevity.reward.application-id",
            "brevity-reward-" + UUID.randomUUID()),
        timeout);
  }

  /**
   * A sampler of {@code baseModel} and the versions published to {@code store}, generating up to
   * {@code batchSize} sequences together (waiting 50 ms to fill a batch).
   */
  public static ServiceProcess sampler(
      String bootstrapServers,
      String heap,
      Path baseModel,
      Path store,
      int batchSize,
      Duration timeout) {
    return sibling(
        "sampler",
        heap,
        bootstrapServers,
        Map.of(
            "brevity.sampler.base-model", baseModel.toString(),
            "brevity.sampler.checkpoint-root", store.toString(),
            "brevity.sampler.batch-size", Integer.toString(batchSize),
            "brevity.sampler.batch-wait", "50ms"),
        timeout);
  }

  /**
   * A trainer from {@code baseModel} on {@code device}, publishing to {@code store} (staging beside
   * it), polling for work every 200 ms when idle.
   */
  public static ServiceProcess trainer(
      String bootstrapServers, Path baseModel, Path store, String device, Duration timeout) {
    return sibling(
        "trainer",
        "768m",
        bootstrapServers,
        Map.of(
            "brevity.trainer.base-model", baseModel.toString(),
            "brevity.trainer.checkpoint-root", store.toString(),
            "brevity.trainer.staging-dir",
                store.resolveSibling(store.getFileName() + "-staging").toString(),
            "brevity.trainer.idle-poll", "200ms",
            "brevity.trainer.device", device),
        timeout);
  }

  /** The packaged service of the sibling module {@code <name>-service}, named {@code name}. */
  private static ServiceProcess sibling(
      String name,
      String heap,
      String bootstrapServers,
      Map<String, String> properties,
      Duration timeout) {
    return ServiceProcess.start(
        name, Path.of("..", name + "-service"), heap, bootstrapServers, properties, timeout);
  }
}
