package dev.brevity.schemas;

/**
 * A record that is not a Brevity event of any known schema version. Services catch it and route the
 * original record to {@code brevity.dead-letters}; it never stops a consumer.
 */
public final class EventDecodingException extends RuntimeException {

  private final RecordLocation location;

  public EventDecodingException(RecordLocation location, String reason, Throwable cause) {
    super("cannot decode record from " + location + ": " + reason, cause);
    this.location = location;
  }

  public RecordLocation location() {
    return location;
  }
}
