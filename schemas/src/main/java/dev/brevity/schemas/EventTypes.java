package dev.brevity.schemas;

import dev.brevity.events.CheckpointPublished;
import dev.brevity.events.EvalCompleted;
import dev.brevity.events.ReferenceStats;
import dev.brevity.events.RolloutRequest;
import dev.brevity.events.RunRequested;
import dev.brevity.events.RunStatus;
import dev.brevity.events.ScoredTrace;
import dev.brevity.events.Trace;
import dev.brevity.events.TraceFate;
import dev.brevity.events.TrainingStep;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** Every event Brevity writes to Kafka: the top-level records of {@code src/main/avro}. */
public final class EventTypes {

  /** The event classes, generated from the Avro schemas. */
  public static final List<Class<? extends SpecificRecord>> ALL =
      List.of(
          RunRequested.class,
          RunStatus.class,
          RolloutRequest.class,
          Trace.class,
          ReferenceStats.class,
          ScoredTrace.class,
          CheckpointPublished.class,
          TrainingStep.class,
          TraceFate.class,
          EvalCompleted.class);

  private EventTypes() {}

  /** The schema the generated class was built from (the current version). */
  public static Schema currentSchema(Class<? extends SpecificRecord> type) {
    return SpecificData.getForClass(type).getSchema(type);
  }
}
