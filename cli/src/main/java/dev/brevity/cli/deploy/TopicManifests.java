package dev.brevity.cli.deploy;

import dev.brevity.schemas.Topic;
import java.util.Map;

/** Strimzi {@code KafkaTopic} manifests generated from the one topic list ({@link Topic}). */
public final class TopicManifests {

  /** Where the generated manifests are committed, relative to the repository root. */
  public static final String COMMITTED_PATH = "deploy/kafka/topics.yaml";

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
}
