package dev.brevity.sampler;

import static dev.brevity.service.KeyedEvents.keyed;

import dev.brevity.events.RolloutRequest;
import dev.brevity.events.TraceFate;
import dev.brevity.service.EventReader;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes brevity.rollout-requests; publishes the fate of every requested trace. */
@ApplicationScoped
public class RolloutRequestListener {

  private final EventReader reader;
  private final MutinyEmitter<TraceFate> fates;
  private final UnservedRequests unserved;

  @Inject
  RolloutRequestListener(
      EventReader reader,
      @Channel(Channels.TRACE_FATES) MutinyEmitter<TraceFate> fates,
      SamplerConfig config) {
    this.reader = reader;
    this.fates = fates;
    this.unserved = new UnservedRequests(config.id());
  }

  @Incoming(Channels.ROLLOUT_REQUESTS)
  @Blocking
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    reader
        .read(record, RolloutRequest.class)
        .ifPresent(
            request -> {
              for (TraceFate fate : unserved.fates(request, Instant.now())) {
                fates.sendMessageAndAwait(keyed(fate.getTraceId(), fate));
              }
            });
  }
}
