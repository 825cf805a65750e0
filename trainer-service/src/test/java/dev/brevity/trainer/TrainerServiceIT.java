package dev.brevity.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.brevity.events.RunRequested;
import dev.brevity.events.RunState;
import dev.brevity.events.RunStatus;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaBrokerResource;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SharedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** trainer-service against the real broker: runs in, statuses out, bad records dead-lettered. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class TrainerServiceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String RUNS = Topic.RUNS.topicName();

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());

  @Test
  void acceptsAKnownMethodAndRejectsAnUnknownOne() {
    String accepted = "run-" + UUID.randomUUID();
    String rejected = "run-" + UUID.randomUUID();

    kafka.send(RUNS, accepted, request(accepted, "thinkprune"));
    kafka.send(RUNS, rejected, request(rejected, "prune-harder"));

    RunStatus ok = awaitStatus(accepted);
    assertThat(ok.getState()).isEqualTo(RunState.ACCEPTED);
    RunStatus no = awaitStatus(rejected);
    assertThat(no.getState()).isEqualTo(RunState.REJECTED);
    assertThat(no.getMessage())
        .isEqualTo(
            "unknown method 'prune-harder'; valid methods: o1-pruner, o1-pruner-online, thinkprune");
  }

  @Test
  void deadLettersAnUndecodableRecordAndKeepsConsuming() {
    String key = "garbage-" + UUID.randomUUID();
    String after = "run-" + UUID.randomUUID();

    kafka.sendBytes(RUNS, key, "not an event".getBytes(StandardCharsets.UTF_8));
    kafka.send(RUNS, after, request(after, "o1-pruner"));

    ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(key, TIMEOUT);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(RUNS);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.OFFSET)).matches("\\d+");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
        .startsWith("cannot decode record from " + RUNS + "-0 at offset ")
        .contains("not an Avro single-object encoded event");
    assertThat(awaitStatus(after).getState()).isEqualTo(RunState.ACCEPTED);

    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("brevity_dead_letters_total{topic=\"brevity.runs\"}"));
  }

  @Test
  void reportsHealthUp() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
  }

  private RunStatus awaitStatus(String runId) {
    return kafka.awaitEvent(RUNS, RunStatus.class, TIMEOUT, s -> s.getRunId().equals(runId));
  }

  private static RunRequested request(String runId, String method) {
    return RunRequested.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setRunId(runId)
        .setOccurredAt(Instant.now())
        .setMethod(method)
        .setConfigYaml("method: " + method + "\n")
        .build();
  }
}
