package dev.brevity.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.events.Fate;
import dev.brevity.events.TraceFate;
import dev.brevity.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

@KafkaBroker
class SharedKafkaBrokerIT {

  @Test
  void oneBrokerPerJvmWithEveryTopic(KafkaTestClient client) throws Exception {
    assertThat(SharedKafkaBroker.bootstrapServers()).isEqualTo(client.bootstrapServers());
    assertThat(SharedKafkaBroker.kind()).isIn("external", "testcontainers", "embedded");
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServers()))) {
      Set<String> names = admin.listTopics().names().get();
      for (Topic topic : Topic.values()) {
        assertThat(names).contains(topic.topicName());
      }
    }
  }

  @Test
  void eventsRoundTripThroughTheBroker(KafkaTestClient client) {
    TraceFate fate =
        TraceFate.newBuilder()
            .setEventId("e-1")
            .setRunId("run-shared-broker")
            .setOccurredAt(Instant.ofEpochMilli(1_700_000_000_000L))
            .setTraceId("req-1/0")
            .setPolicyVersion(3)
            .setFate(Fate.STALE)
            .setReason("older than v3 + 2")
            .build();

    client.send(Topic.TRACE_FATES.topicName(), fate.getTraceId(), fate);

    TraceFate received =
        client.awaitEvent(
            Topic.TRACE_FATES.topicName(),
            TraceFate.class,
            Duration.ofSeconds(30),
            candidate -> candidate.getRunId().equals("run-shared-broker"));
    assertThat(received).isEqualTo(fate);
  }
}
