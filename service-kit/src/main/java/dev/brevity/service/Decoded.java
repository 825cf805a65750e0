package dev.brevity.service;

import java.util.Objects;

/**
 * What {@link EventDecoder#read} made of one record: either the event, or the {@link DeadLetter}
 * that takes the record's place. Exactly one of the two is there.
 *
 * @param <T> the event type
 */
public final class Decoded<T> {

  private final T event;
  private final DeadLetter deadLetter;

  private Decoded(T event, DeadLetter deadLetter) {
    this.event = event;
    this.deadLetter = deadLetter;
  }

  public static <T> Decoded<T> event(T event) {
    return new Decoded<>(Objects.requireNonNull(event, "event"), null);
  }

  public static <T> Decoded<T> deadLetter(DeadLetter deadLetter) {
    return new Decoded<>(null, Objects.requireNonNull(deadLetter, "deadLetter"));
  }

  /** True for an event, false for a dead letter. */
  public boolean isEvent() {
    return event != null;
  }

  /**
   * @throws IllegalStateException if the record was not an event
   */
  public T event() {
    if (event == null) {
      throw new IllegalStateException("not an event: " + deadLetter.reason().getMessage());
    }
    return event;
  }

  /**
   * @throws IllegalStateException if the record was an event
   */
  public DeadLetter deadLetter() {
    if (deadLetter == null) {
      throw new IllegalStateException("an event, not a dead letter");
    }
    return deadLetter;
  }
}
