package dev.brevity.cli;

import dev.brevity.broker.TopicCreator;
import dev.brevity.cli.deploy.TopicManifests;
import dev.brevity.schemas.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code brevity topics}: the declarative topic list, and creating it on any Kafka cluster. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Lists Brevity's topics; with --bootstrap, creates the missing ones there.",
    subcommands = TopicsDumpCommand.class)
public final class TopicsCommand implements Callable<Integer> {

  @Option(names = "--bootstrap", description = "Kafka bootstrap servers to create the topics on.")
  String bootstrap;

  @Option(
      names = "--replication-factor",
      description =
          "Replicas per partition, when creating or in manifests (default: ${DEFAULT-VALUE}).",
      defaultValue = "1")
  short replicationFactor;

  @Option(
      names = "--manifests",
      description = "Print Strimzi KafkaTopic manifests instead of the table.")
  boolean manifests;

  @Option(
      names = "--script",
      description =
          "Print a kafka-topics.sh script that creates the missing topics (docker-compose).")
  boolean script;

  @Option(
      names = "--cluster",
      description = "Strimzi cluster name for --manifests (default: ${DEFAULT-VALUE}).",
      defaultValue = "brevity")
  String cluster;

  @Override
  public Integer call() {
    if (manifests) {
      System.out.print(TopicManifests.strimzi(cluster, replicationFactor));
      return 0;
    }
    if (script) {
      System.out.print(TopicManifests.kafkaTopicsScript(replicationFactor));
      return 0;
    }
    System.out.printf(
        "%-26s %10s %8s %14s  %-28s %s%n",
        "TOPIC", "PARTITIONS", "CLEANUP", "RETENTION_MS", "KEY", "VALUES");
    for (Topic topic : Topic.values()) {
      String values =
          topic.valueTypes().isEmpty()
              ? "original bytes + error headers"
              : topic.valueTypes().stream()
                  .map(Class::getSimpleName)
                  .collect(Collectors.joining(", "));
      System.out.printf(
          "%-26s %10d %8s %14d  %-28s %s%n",
          topic.topicName(),
          topic.partitions(),
          topic.cleanup().name().toLowerCase(),
          topic.retention().millis(),
          topic.key(),
          values);
    }
    if (bootstrap != null) {
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        List<String> created = TopicCreator.createMissing(admin, replicationFactor);
        System.out.println(
            "created: " + (created.isEmpty() ? "none (all exist)" : String.join(", ", created)));
      }
    }
    return 0;
  }
}
