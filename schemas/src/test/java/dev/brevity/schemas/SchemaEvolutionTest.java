package dev.brevity.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.events.RolloutRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  private static final RecordLocation LOCATION =
      new RecordLocation("brevity.rollout-requests", 0, 7);

  /**
   * The build's gate: every current schema reads every released version and is itself released.
   * When it fails, the candidate files to record are written to target/schema-candidates.
   */
  @Test
  void currentSchemasAreReleasedAndBackwardCompatible() throws IOException {
    Map<String, Schema> current = currentSchemas();
    List<String> violations = SchemaEvolution.violations(current, SchemaHistory.released());

    if (!violations.isEmpty()) {
      writeCandidates(current);
    }
    assertThat(violations)
        .as("schema evolution violations (candidates written to target/schema-candidates)")
        .isEmpty();
  }

  @Test
  void addingAFieldWithoutDefaultIsRejected() {
    // Fixture: a released RolloutRequest that had no requestId; the current one requires it.
    List<String> violations = currentRolloutRequestViolations("fixtures/incompatible");

    assertThat(violations)
        .anySatisfy(
            violation ->
                assertThat(violation)
                    .contains("RolloutRequest cannot read records written with RolloutRequest.v1")
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                    .contains("requestId"));
  }

  @Test
  void unreleasedCurrentSchemaIsRejected() {
    // Fixture: the only released version is older than the current schema.
    List<String> violations = currentRolloutRequestViolations("fixtures/compatible");

    assertThat(violations)
        .containsExactly(
            "RolloutRequest is not released: record it as fixtures/compatible/RolloutRequest.v2.avsc");
  }

  /** The violations of the current RolloutRequest against the released versions in {@code dir}. */
  private static List<String> currentRolloutRequestViolations(String dir) {
    return SchemaEvolution.violations(
        Map.of("RolloutRequest", current(RolloutRequest.class)), fixtureHistory(dir));
  }

  @Test
  void recordWrittenWithAnOlderVersionDecodesWithTheCurrentReader() throws IOException {
    // Fixture: RolloutRequest before maxStaleness, stage and purpose existed (all have defaults).
    SchemaHistory history = fixtureHistory("fixtures/compatible");
    Schema old = history.versions("RolloutRequest").get(0);
    GenericRecord oldRecord = new SampleRecords(11).sample(old);
    ByteBuffer encoded =
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(oldRecord);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);

    RolloutRequest decoded = new EventCodec(history).decode(RolloutRequest.class, bytes, LOCATION);

    assertThat(decoded.getRequestId()).isEqualTo(oldRecord.get("requestId").toString());
    assertThat(decoded.getSamples()).isEqualTo(oldRecord.get("samples"));
    assertThat(decoded.getMaxStaleness()).isZero();
    assertThat(decoded.getStage()).isZero();
    assertThat(decoded.getPurpose().name()).isEqualTo("TRAINING");
    // Without that version in its history, a codec cannot know the writer schema.
    assertThatThrownBy(() -> EventCodec.standard().decode(bytes, LOCATION))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("unknown schema fingerprint");
  }

  private static SchemaHistory fixtureHistory(String root) {
    SchemaHistory history = SchemaHistory.load(root, List.of(RolloutRequest.class));
    assertThat(history.versions("RolloutRequest")).as("fixture " + root).hasSize(1);
    return history;
  }

  private static Schema current(Class<? extends SpecificRecord> type) {
    return EventTypes.currentSchema(type);
  }

  private static Map<String, Schema> currentSchemas() {
    Map<String, Schema> current = new LinkedHashMap<>();
    for (Class<? extends SpecificRecord> type : EventTypes.ALL) {
      current.put(type.getSimpleName(), current(type));
    }
    return current;
  }

  private static void writeCandidates(Map<String, Schema> current) throws IOException {
    Path dir = Path.of("target", "schema-candidates");
    Files.createDirectories(dir);
    SchemaHistory released = SchemaHistory.released();
    for (Map.Entry<String, Schema> entry : current.entrySet()) {
      int next = released.versions(entry.getKey()).size() + 1;
      Files.writeString(
          dir.resolve(SchemaHistory.fileName(entry.getKey(), next)),
          entry.getValue().toString(true) + "\n");
    }
  }
}
