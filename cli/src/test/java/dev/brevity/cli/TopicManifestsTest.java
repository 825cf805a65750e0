package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brevity.cli.deploy.TopicManifests;
import dev.brevity.schemas.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopicManifestsTest {

  @Test
  void everyTopicBecomesAKafkaTopicWithItsPartitionsAndConfigs() {
    String yaml = TopicManifests.strimzi("brevity", 3);

    assertThat(yaml.split("\n---\n")).hasSize(Topic.values().length + 1);
    assertThat(yaml).startsWith("# Generated from dev.brevity.schemas.Topic");
    assertThat(yaml)
        .contains(
            "  topicName: brevity.runs\n  partitions: 1\n  replicas: 3\n  config:\n"
                + "    cleanup.policy: \"compact\"\n    retention.ms: \"-1\"\n")
        .contains("  topicName: brevity.rollout-requests\n  partitions: 4\n")
        .contains(
            "  topicName: brevity.replayed-traces\n  partitions: 4\n  replicas: 3\n  config:\n"
                + "    cleanup.policy: \"delete\"\n    retention.ms: \"-1\"\n")
        .contains("    strimzi.io/cluster: brevity\n");
  }

  /** The committed manifests are generated: regenerate with ./brevity topics --manifests. */
  @Test
  void committedManifestsMatchTheTopicList() throws Exception {
    assertCommittedFileIs(
        TopicManifests.COMMITTED_PATH,
        "./brevity topics --manifests --replication-factor 3 --cluster brevity",
        TopicManifests.strimzi("brevity", 3));
  }

  @Test
  void composeScriptCreatesEveryTopicWithItsPartitionsAndConfigs() {
    String script = TopicManifests.kafkaTopicsScript(1);

    assertThat(script).startsWith("#!/bin/sh\n# Generated from dev.brevity.schemas.Topic");
    for (Topic topic : Topic.values()) {
      assertThat(script)
          .contains(
              " --create --if-not-exists --topic "
                  + topic.topicName()
                  + " --partitions "
                  + topic.partitions()
                  + " --replication-factor 1 --config cleanup.policy="
                  + topic.configs().get("cleanup.policy")
                  + " --config retention.ms="
                  + topic.configs().get("retention.ms")
                  + "\n");
    }
    assertThat(script.lines().filter(line -> line.contains(" --create ")))
        .hasSize(Topic.values().length);
  }

  /** The compose file's topic step runs this script: regenerate with ./brevity topics --script. */
  @Test
  void committedComposeScriptMatchesTheTopicList() throws Exception {
    assertCommittedFileIs(
        TopicManifests.COMPOSE_SCRIPT_PATH,
        "./brevity topics --script --replication-factor 1",
        TopicManifests.kafkaTopicsScript(1));
  }

  /**
   * Asserts that the checkout's file at {@code path} is {@code generated}; the failure names the
   * command that regenerates it.
   */
  private static void assertCommittedFileIs(String path, String command, String generated)
      throws IOException {
    assertThat(Files.readString(Path.of("..").resolve(path)))
        .as("regenerate: " + command + " > " + path)
        .isEqualTo(generated);
  }
}
