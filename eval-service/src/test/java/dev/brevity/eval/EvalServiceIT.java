package dev.brevity.eval;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaBrokerResource;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.SharedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** eval-service against the real broker: evaluations in, dashboard data out over HTTP. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class EvalServiceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String EVAL_RESULTS = Topic.EVAL_RESULTS.topicName();

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());

  @Test
  void servesEvaluationsOfARunInPolicyVersionOrder() throws InterruptedException {
    String runId = "run-" + UUID.randomUUID();
    kafka.send(EVAL_RESULTS, runId, SampleEvents.evalCompleted(runId, 2, 0.81, 140.0));
    kafka.send(EVAL_RESULTS, runId, SampleEvents.evalCompleted(runId, 1, 0.80, 212.5));

    JsonPath evals = awaitEvals(runId, 2);

    assertThat(evals.getList("policyVersion", Integer.class)).containsExactly(1, 2);
    assertThat(evals.getList("meanLength", Double.class)).containsExactly(212.5, 140.0);
    assertThat(evals.getList("accuracy", Double.class)).containsExactly(0.80, 0.81);
    given().when().get("/api/runs").then().statusCode(200).body("$", hasItem(runId));
  }

  @Test
  void deadLettersGarbageAndStaysHealthy() {
    String key = "garbage-" + UUID.randomUUID();
    kafka.sendBytes(EVAL_RESULTS, key, new byte[] {(byte) 0xC3});

    ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(key, TIMEOUT);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(EVAL_RESULTS);
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
  }

  private static JsonPath awaitEvals(String runId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      JsonPath body =
          given()
              .when()
              .get("/api/runs/{runId}/evals", runId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<Object> points = body.getList("$");
      if (points.size() >= count || System.nanoTime() > deadline) {
        assertThat(points).as("evaluations of " + runId).hasSize(count);
        return body;
      }
      Thread.sleep(200);
    }
  }
}
