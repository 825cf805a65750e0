package dev.brevity.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: points the application at the JVM's shared real broker and keeps Dev
 * Services off (without Docker they would silently fall back to localhost:9092).
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "kafka.bootstrap.servers",
        SharedKafkaBroker.bootstrapServers(),
        "quarkus.kafka.devservices.enabled",
        "false");
  }

  @Override
  public void stop() {
    // The broker is shared by the whole JVM and stops when it exits.
  }
}
