package dev.brevity.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every released version of every event schema, read from the class path: {@code
 * <root>/<EventName>.v<N>.avsc}, N = 1, 2, … without gaps. Each file is self-contained (nested
 * types inlined). Decoders register all of them, so a record written by any released version still
 * decodes; the build checks the current schemas against all of them ({@link SchemaEvolution}).
 */
public final class SchemaHistory {

  /** Where the released versions live inside the schemas jar. */
  public static final String RELEASED = "dev/brevity/schemas/history";

  private final String root;
  private final Map<String, List<Schema>> versionsByEvent;

  private SchemaHistory(String root, Map<String, List<Schema>> versionsByEvent) {
    this.root = root;
    this.versionsByEvent = versionsByEvent;
  }

  /** The released history shipped with this jar. */
  public static SchemaHistory released() {
    return load(RELEASED, EventTypes.ALL);
  }

  /** Reads the versions of the given events under {@code root} on the class path. */
  public static SchemaHistory load(String root, List<Class<? extends SpecificRecord>> events) {
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    Map<String, List<Schema>> versions = new LinkedHashMap<>();
    for (Class<? extends SpecificRecord> event : events) {
      String name = event.getSimpleName();
      List<Schema> schemas = new ArrayList<>();
      for (int version = 1; ; version++) {
        String path = root + "/" + fileName(name, version);
        try (InputStream in = loader.getResourceAsStream(path)) {
          if (in == null) {
            break;
          }
          schemas.add(new Schema.Parser().parse(in));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read schema history " + path, e);
        }
      }
      versions.put(name, List.copyOf(schemas));
    }
    return new SchemaHistory(root, versions);
  }

  /** File name of version {@code version} of an event, e.g. {@code Trace.v2.avsc}. */
  public static String fileName(String eventName, int version) {
    return eventName + ".v" + version + ".avsc";
  }

  /** The class-path folder this history was read from. */
  public String root() {
    return root;
  }

  /** Released versions of one event, oldest first; empty if none was recorded. */
  public List<Schema> versions(String eventName) {
    return versionsByEvent.getOrDefault(eventName, List.of());
  }
}
