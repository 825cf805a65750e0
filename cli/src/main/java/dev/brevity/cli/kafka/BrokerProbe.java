package dev.brevity.cli.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Asks a Kafka cluster whether it answers, before a command relies on it: an unreachable broker is
 * then a one-line error within seconds, naming the address, instead of a client's long retry and
 * its stack trace.
 */
public final class BrokerProbe {

  /** How long a broker may take to answer. */
  public static final Duration PATIENCE = Duration.ofSeconds(5);

  private BrokerProbe() {}

  /**
   * @return {@code bootstrap}, once a broker there has answered
   * @throws IllegalArgumentException naming the address when none answers within {@link #PATIENCE}
   */
  public static String reachable(String bootstrap) {
    int millis = (int) PATIENCE.toMillis();
    Map<String, Object> settings =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    Admin admin;
    try {
      admin = Admin.create(settings);
    } catch (KafkaException e) {
      throw unreachable(bootstrap, e.getMessage());
    }
    try {
      admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS);
      return bootstrap;
    } catch (TimeoutException e) {
      throw unreachable(bootstrap, "no answer within " + PATIENCE.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw unreachable(bootstrap, e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(bootstrap, "interrupted");
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  private static IllegalArgumentException unreachable(String bootstrap, String why) {
    return new IllegalArgumentException(
        "cannot reach a Kafka broker at "
            + bootstrap
            + " ("
            + why
            + "); start one with ./brevity up or ./brevity broker, or pass --bootstrap");
  }
}
