package dev.brevity.schemas;

import static org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The rule schemas evolve by: backward compatibility. The current schema of an event must read
 * every record written with any released version, and the current schema must itself be released
 * (recorded in the history) before it is used, so that later readers know its fingerprint.
 */
public final class SchemaEvolution {

  private SchemaEvolution() {}

  /**
   * Why {@code reader} cannot read data written with {@code writer}, one line per problem; empty
   * when it can.
   */
  public static List<String> backwardIncompatibilities(Schema reader, Schema writer) {
    List<String> problems = new ArrayList<>();
    for (Incompatibility incompatibility :
        checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()) {
      problems.add(
          incompatibility.getType()
              + " at "
              + incompatibility.getLocation()
              + ": "
              + incompatibility.getMessage());
    }
    return problems;
  }

  /**
   * Every violation of the rule for the given current schemas (event name → schema) against the
   * history; empty when the schemas may be released.
   */
  public static List<String> violations(Map<String, Schema> current, SchemaHistory history) {
    List<String> violations = new ArrayList<>();
    current.forEach(
        (name, schema) -> {
          List<Schema> released = history.versions(name);
          for (int i = 0; i < released.size(); i++) {
            for (String problem : backwardIncompatibilities(schema, released.get(i))) {
              violations.add(
                  name + " cannot read records written with " + fileName(name, i) + ": " + problem);
            }
          }
          if (released.isEmpty() || !sameSchema(schema, released.get(released.size() - 1))) {
            violations.add(
                name
                    + " is not released: record it as "
                    + history.root()
                    + "/"
                    + SchemaHistory.fileName(name, released.size() + 1));
          }
        });
    return violations;
  }

  private static String fileName(String name, int index) {
    return SchemaHistory.fileName(name, index + 1);
  }

  /** Same fields, types, defaults and aliases (documentation aside). */
  private static boolean sameSchema(Schema a, Schema b) {
    return a.equals(b);
  }
}
