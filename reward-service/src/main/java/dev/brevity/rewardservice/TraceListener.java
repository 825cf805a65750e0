package dev.brevity.rewardservice;

import static dev.brevity.service.KeyedEvents.keyed;

import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.service.EventReader;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes brevity.traces and publishes each trace scored to brevity.scored-traces. */
@ApplicationScoped
public class TraceListener {

  private final EventReader reader;
  private final MutinyEmitter<ScoredTrace> scored;
  private final TraceScorer scorer;

  @Inject
  TraceListener(
      EventReader reader,
      @Channel(Channels.SCORED_TRACES) MutinyEmitter<ScoredTrace> scored,
      RewardConfig config) {
    this.reader = reader;
    this.scored = scored;
    this.scorer = new TraceScorer(config.spec());
  }

  @Incoming(Channels.TRACES)
  @Blocking
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    reader
        .read(record, Trace.class)
        .ifPresent(
            trace ->
                scored.sendMessageAndAwait(
                    keyed(trace.getProblem().getProblemId(), scorer.score(trace, Instant.now()))));
  }
}
