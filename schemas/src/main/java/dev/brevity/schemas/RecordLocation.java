package dev.brevity.schemas;

/**
 * Where a record was read from, named in every decoding error. Partition and offset are -1 when
 * unknown (a Kafka deserializer sees only the topic; the consumer adds partition and offset).
 */
public record RecordLocation(String topic, int partition, long offset) {

  public static RecordLocation ofTopic(String topic) {
    return new RecordLocation(topic, -1, -1);
  }

  @Override
  public String toString() {
    return topic
        + (partition >= 0 ? "-" + partition : "")
        + (offset >= 0 ? " at offset " + offset : "");
  }
}
