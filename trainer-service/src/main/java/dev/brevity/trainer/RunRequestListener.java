package dev.brevity.trainer;

import static dev.brevity.service.KeyedEvents.keyed;

import dev.brevity.events.RunRequested;
import dev.brevity.events.RunStatus;
import dev.brevity.run.RunMethod;
import dev.brevity.service.EventReader;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
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
    this.review = new RunReview(methods(config));
  }

  /** Fails start-up on an unknown method id, naming the key and the valid ids. */
  private static Set<RunMethod> methods(TrainerConfig config) {
    Set<RunMethod> methods = EnumSet.noneOf(RunMethod.class);
    for (String id : config.methods()) {
      try {
        methods.add(RunMethod.fromId(id.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("brevity.trainer.methods: " + e.getMessage(), e);
      }
    }
    return methods;
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
