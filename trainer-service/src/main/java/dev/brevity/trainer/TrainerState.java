package dev.brevity.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brevity.train.EngineState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every RunStatus carries for a restarted trainer ({@code trainerState}): the engine's {@link
 * EngineState} and the transport's own state beside it, the positions of scored-trace records
 * settled beyond the committed consumer offsets ({@link OffsetLedger#settledAhead}), which a
 * restart reads again and must skip. One JSON object: the run state's fields plus {@code
 * settledAhead}.
 *
 * @param run where the run stands
 * @param settledAhead {@code topic-partition@offset} of each settled record ahead of the offsets
 */
record TrainerState(EngineState run, List<String> settledAhead) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SETTLED_AHEAD = "settledAhead";

  String toJson() {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(run.toJson());
      ArrayNode ahead = node.putArray(SETTLED_AHEAD);
      settledAhead.forEach(ahead::add);
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException if the text is not a trainer state
   */
  static TrainerState fromJson(String json) {
    EngineState run = EngineState.fromJson(json);
    List<String> ahead = new ArrayList<>();
    try {
      JsonNode node = JSON.readTree(json).path(SETTLED_AHEAD);
      node.forEach(position -> ahead.add(position.asText()));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a trainer state: " + e.getMessage(), e);
    }
    return new TrainerState(run, List.copyOf(ahead));
  }
}
