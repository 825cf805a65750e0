package dev.brevity.cli;

import dev.brevity.cli.kafka.RecordJson;
import dev.brevity.cli.kafka.TopicReader;
import dev.brevity.schemas.Topic;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevity topics dump}: a topic's records as JSON lines, events decoded. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a topic's records as JSON lines: topic, partition, offset, timestamp, key, value"
          + " (the decoded event; dead letters: headers and the original bytes).",
      "Reads committed records only. Without --from-beginning it starts at the end (only new"
          + " records); without --follow it stops at the end offsets it found on starting."
    })
public final class TopicsDumpCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TOPIC", description = "brevity.traces, or just traces.")
  String topicName;

  @Option(names = "--from-beginning", description = "Start at the oldest record.")
  boolean fromBeginning;

  @Option(names = "--follow", description = "Keep printing new records until interrupted.")
  boolean follow;

  @Option(names = "--limit", description = "Stop after this many records (default: no limit).")
  Long limit;

  @Mixin SharedOptions.Bootstrap bootstrap;

  @Override
  public Integer call() {
    Topic topic = topic(topicName);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("--limit must be >= 0");
    }
    if (limit != null && limit == 0) {
      return 0;
    }
    long[] printed = {0};
    TopicReader.read(
        bootstrap.reachable(),
        topic.topicName(),
        fromBeginning ? TopicReader.Start.BEGINNING : TopicReader.Start.END,
        follow,
        record -> {
          System.out.println(RecordJson.of(topic, record));
          System.out.flush();
          printed[0]++;
          return limit == null || printed[0] < limit;
        });
    return 0;
  }

  /**
   * The topic named {@code name}, with or without the {@code brevity.} prefix.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  static Topic topic(String name) {
    for (Topic topic : Topic.values()) {
      if (topic.topicName().equals(name) || topic.topicName().equals("brevity." + name)) {
        return topic;
      }
    }
    throw new IllegalArgumentException(
        "unknown topic '"
            + name
            + "'; valid: "
            + Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.joining(", "))
            + " (the brevity. prefix may be left out)");
  }
}
