package dev.brevity.eval;

import dev.brevity.events.EvalCompleted;
import dev.brevity.service.EventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the dashboard from brevity.eval-results. */
@ApplicationScoped
public class EvalResultListener {

  @Inject EventReader reader;
  @Inject EvalBoard board;

  @Incoming(Channels.EVAL_RESULTS)
  @Blocking
  public void onRecord(ConsumerRecord<String, byte[]> record) {
    reader
        .read(record, EvalCompleted.class)
        .ifPresent(eval -> board.add(eval.getRunId(), EvalPoint.of(eval)));
  }
}
