package dev.brevity.trainer;

import static dev.brevity.service.KeyedEvents.keyed;

import dev.brevity.events.RunRequested;
import dev.brevity.events.RunStatus;
import dev.brevity.service.EventReader;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes brevity.runs and answers every RunRequested with a RunStatus. */
@ApplicationScoped
public class RunRequestListener {

  private final EventReader reader;
  private final MutinyEmitter<RunStatus> statuses;
  private final RunReview review;

  @Inject
  RunRequestListener(
      EventReader reader,
      @Channel(Channels.RUN_STATUS) MutinyEmitter<RunStatus> statuses,
      TrainerConfig config) {
    this.reader = reader;
    this.statuses = statuses;
    this.review = RunReview.accepting(config.methods());
  }

  @Incoming(Channels.RUNS)
  @Blocking
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    reader
        .read(record, RunRequested.class)
        .ifPresent(
            request -> {
              RunStatus status = review.review(request, Instant.now());
              statuses.sendMessageAndAwait(keyed(RunReview.statusKey(request.getRunId()), status));
            });
  }
}
