package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brevity.schemas.Topic;
import org.junit.jupiter.api.Test;

class TopicsDumpCommandTest {

  @Test
  void acceptsTopicNamesWithOrWithoutThePrefix() {
    assertThat(TopicsDumpCommand.topic("brevity.traces")).isEqualTo(Topic.TRACES);
    assertThat(TopicsDumpCommand.topic("traces")).isEqualTo(Topic.TRACES);
    assertThat(TopicsDumpCommand.topic("dead-letters")).isEqualTo(Topic.DEAD_LETTERS);
  }

  @Test
  void anUnknownTopicExitsWithCode2ListingTheValidNames() {
    assertThatThrownBy(() -> TopicsDumpCommand.topic("tracez"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown topic 'tracez'")
        .hasMessageContaining("brevity.traces, ")
        .hasMessageContaining("brevity.replayed-traces");

    assertThat(CommandRun.of("topics", "dump", "tracez").exitCode()).isEqualTo(2);
  }

  @Test
  void theTopicTableStillPrintsWithoutTheSubcommand() {
    CommandRun run = CommandRun.of("topics");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("brevity.replayed-traces").contains("brevity.dead-letters");
  }
}
