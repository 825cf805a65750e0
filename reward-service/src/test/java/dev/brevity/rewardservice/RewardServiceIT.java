package dev.brevity.rewardservice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.brevity.events.FinishReason;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.schemas.Topic;
import dev.brevity.schemas.kafka.DeadLetters;
import dev.brevity.testsupport.KafkaBrokerResource;
import dev.brevity.testsupport.KafkaTestClient;
import dev.brevity.testsupport.SampleEvents;
import dev.brevity.testsupport.SharedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** reward-service against the real broker: traces in, scored traces out. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class RewardServiceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TRACES = Topic.TRACES.topicName();

  private final KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.bootstrapServers());
  private final String runId = "run-" + UUID.randomUUID();

  @Test
  void scoresCorrectWrongAndTruncatedTraces() {
    Trace right =
        SampleEvents.trace(
            runId, "r1/0", "<think>4*2=8, 3+8=11</think> \\boxed{11}", FinishReason.EOS);
    Trace wrong =
        SampleEvents.trace(
            runId, "r1/1", "<think>3+4=7, 7*2=14</think> \\boxed{14}", FinishReason.EOS);
    Trace cut =
        SampleEvents.trace(runId, "r1/2", "<think>4*2=8 \\boxed{11} wait", FinishReason.LENGTH);

    for (Trace trace : new Trace[] {right, wrong, cut}) {
      kafka.send(TRACES, trace.getProblem().getProblemId(), trace);
    }

    ScoredTrace scoredRight = awaitScored(right.getTraceId());
    assertThat(scoredRight.getReward()).isEqualTo(1.0);
    assertThat(scoredRight.getCorrect()).isTrue();
    assertThat(scoredRight.getLength()).isEqualTo(right.getCompletionTokenIds().size());
    assertThat(scoredRight.getRewardSpec()).isEqualTo("correctness");
    assertThat(scoredRight.getRewardVersion()).isEqualTo("correctness@2");
    assertThat(scoredRight.getTrace()).isEqualTo(right);
    assertThat(awaitScored(wrong.getTraceId()).getReward()).isZero();
    assertThat(awaitScored(cut.getTraceId()).getReward()).isZero();
  }

  @Test
  void deadLettersAnUndecodableTrace() {
    String key = "garbage-" + UUID.randomUUID();
    kafka.sendBytes(TRACES, key, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9});

    ConsumerRecord<String, byte[]> dead = kafka.awaitDeadLetter(key, TIMEOUT);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC)).isEqualTo(TRACES);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
        .contains("unknown schema fingerprint");
    assertThat(new String(dead.value(), StandardCharsets.ISO_8859_1)).hasSize(11);
    given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
  }

  private ScoredTrace awaitScored(String traceId) {
    return kafka.awaitEvent(
        Topic.SCORED_TRACES.topicName(),
        ScoredTrace.class,
        TIMEOUT,
        s -> s.getRunId().equals(runId) && s.getTraceId().equals(traceId));
  }
}
