package dev.brevity.sampler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.brevity.events.Fate;
import dev.brevity.events.FinishReason;
import dev.brevity.events.TraceFate;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaBrokerResource;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.SharedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** sampler-service against the real broker: every requested trace gets a fate. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class SamplerServiceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String REQUESTS = Topic.ROLLOUT_REQUESTS.topicName();

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());

  @Test
  void everyRequestedTraceGetsAnExplicitFate() {
    String runId = "run-" + UUID.randomUUID();
    var request = SampleEvents.rolloutRequest(runId, "req-" + UUID.randomUUID(), 3);

    kafka.send(REQUESTS, request.getProblem().getProblemId(), request);

    for (int index = 0; index < 3; index++) {
      String traceId = request.getRequestId() + "/" + index;
      TraceFate fate =
          kafka.awaitEvent(
              Topic.TRACE_FATES.topicName(),
              TraceFate.class,
              TIMEOUT,
              f -> f.getTraceId().equals(traceId));
      assertThat(fate.getRunId()).isEqualTo(runId);
      assertThat(fate.getFate()).isEqualTo(Fate.FAILED);
      assertThat(fate.getReason())
          .isEqualTo("sampler-1 has no policy engine: cannot generate traces");
    }
  }

  @Test
  void deadLettersGarbageAndEventsThatDoNotBelongOnTheTopic() {
    String garbageKey = "garbage-" + UUID.randomUUID();
    String misplacedKey = "misplaced-" + UUID.randomUUID();
    kafka.sendBytes(REQUESTS, garbageKey, new byte[] {1, 2, 3});
    kafka.send(
        REQUESTS, misplacedKey, SampleEvents.trace("run-x", "r/0", "\\boxed{1}", FinishReason.EOS));

    ConsumerRecord<String, byte[]> garbage = kafka.awaitDeadLetter(garbageKey, TIMEOUT);
    assertThat(DeadLetters.header(garbage.headers(), DeadLetters.TOPIC)).isEqualTo(REQUESTS);
    assertThat(garbage.value()).containsExactly(1, 2, 3);
    ConsumerRecord<String, byte[]> misplaced = kafka.awaitDeadLetter(misplacedKey, TIMEOUT);
    assertThat(DeadLetters.header(misplaced.headers(), DeadLetters.REASON))
        .endsWith("Trace does not belong on brevity.rollout-requests");
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
  }
}
