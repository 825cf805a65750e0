package dev.brevity.cli.deploy;

import dev.brevity.schemas.Topic;
import java.util.Map;

/**
 * Deployment files generated from the one topic list ({@link Topic}): Strimzi {@code KafkaTopic}
 * manifests for Kubernetes, and the {@code kafka-topics.sh} script that creates the topics in
 * docker-compose.
 */
public final class TopicManifests {

  /** Where the generated manifests are committed, relative to the repository root. */
  public static final String COMMITTED_PATH = "deploy/base/kafka/topics.yaml";

  /** Where the generated compose script is committed, relative to the repository root. */
  public static final String COMPOSE_SCRIPT_PATH = "deploy/compose/create-topics.sh";

  private TopicManifests() {}

  /**
   * One {@code KafkaTopic} per Brevity topic, for the Strimzi cluster {@code cluster}.
   *
   * @param replicas replicas per partition (3 on a production cluster)
   */
  public static String strimzi(String cluster, int replicas) {
    StringBuilder yaml =
        new StringBuilder(
                "# Generated from dev.brevity.schemas.Topic; do not edit. Regenerate with\n")
            .append("# ./brevity topics --manifests --replication-factor ")
            .append(replicas)
            .append(" --cluster ")
            .append(cluster)
            .append('\n');
    for (Topic topic : Topic.values()) {
      yaml.append("---\n")
          .append("apiVersion: kafka.strimzi.io/v1beta2\n")
          .append("kind: KafkaTopic\n")
          .append("metadata:\n")
          .append("  name: ")
          .append(topic.topicName())
          .append('\n')
          .append("  labels:\n")
          .append("    strimzi.io/cluster: ")
          .append(cluster)
          .append('\n')
          .append("spec:\n")
          .append("  topicName: ")
          .append(topic.topicName())
          .append('\n')
          .append("  partitions: ")
          .append(topic.partitions())
          .append('\n')
          .append("  replicas: ")
          .append(replicas)
          .append('\n')
          .append("  config:\n");
      for (Map.Entry<String, String> config : topic.configs().entrySet()) {
        yaml.append("    ")
            .append(config.getKey())
            .append(": \"")
            .append(config.getValue())
            .append("\"\n");
      }
    }
    return yaml.toString();
  }

  /**
   * A POSIX shell script that creates every Brevity topic that does not exist yet with Apache
   * Kafka's own {@code kafka-topics.sh}: {@code create-topics.sh BOOTSTRAP}. The docker-compose
   * file runs it in the Kafka image before any service starts.
   *
   * @param replicas replicas per partition (1 on a single broker)
   */
  public static String kafkaTopicsScript(int replicas) {
    StringBuilder script =
        new StringBuilder("#!/bin/sh\n")
            .append("# Generated from dev.brevity.schemas.Topic; do not edit. Regenerate with\n")
            .append("# ./brevity topics --script --replication-factor ")
            .append(replicas)
            .append('\n')
            .append("# Creates the missing Brevity topics: create-topics.sh BOOTSTRAP\n")
            .append("set -eu\n")
            .append("bootstrap=\"${1:?usage: create-topics.sh BOOTSTRAP}\"\n")
            .append("topics=\"${KAFKA_HOME:-/opt/kafka}/bin/kafka-topics.sh\"\n");
    for (Topic topic : Topic.values()) {
      script
          .append("\"$topics\" --bootstrap-server \"$bootstrap\" --create --if-not-exists")
          .append(" --topic ")
          .append(topic.topicName())
          .append(" --partitions ")
          .append(topic.partitions())
          .append(" --replication-factor ")
          .append(replicas);
      for (Map.Entry<String, String> config : topic.configs().entrySet()) {
        script.append(" --config ").append(config.getKey()).append('=').append(config.getValue());
      }
      script.append('\n');
    }
    return script.toString();
  }
}
