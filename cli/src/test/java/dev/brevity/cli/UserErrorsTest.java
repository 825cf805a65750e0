package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mistake a user can fix is one line on standard error naming what to fix, exit code 2, never a
 * stack trace; a broker that does not answer is reported within seconds with the address tried.
 */
class UserErrorsTest {

  @TempDir static Path dir;

  /** An address where nothing listens. */
  private static String closedAddress;

  @BeforeAll
  static void closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      closedAddress = "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static void assertOneLineError(CommandRun run, String... mentions) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().strip().lines()).hasSize(1);
    assertThat(run.stderr()).startsWith("brevity: ").doesNotContain("\tat ");
    for (String mention : mentions) {
      assertThat(run.stderr()).contains(mention);
    }
  }

  @Test
  void evalOfACheckpointThatIsNotThere() {
    Path missing = dir.resolve("no-such-checkpoint");
    assertOneLineError(
        CommandRun.of("eval", "--checkpoint", missing.toString()), missing.toString());
  }

  @Test
  void evalOfAFileInsteadOfACheckpointDirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("model.txt"), "not a checkpoint");
    assertOneLineError(CommandRun.of("eval", "--checkpoint", file.toString()), file.toString());
  }

  @Test
  void verifyOfAFileThatIsNotThere() {
    Path missing = dir.resolve("no-such-answers.jsonl");
    assertOneLineError(
        CommandRun.of("verify", "--in", missing.toString()),
        "no such file or directory",
        missing.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "status", "replay", "topics dump"})
  void aBrokerThatDoesNotAnswerIsNamedWithinSeconds(String command) throws IOException {
    Path config = Files.writeString(dir.resolve("run.yaml"), "method: grpo\nreward: correctness\n");
    String[] args =
        switch (command) {
          case "run" -> new String[] {"run", config.toString(), "--bootstrap", closedAddress};
          case "status" -> new String[] {"status", "--bootstrap", closedAddress};
          case "replay" -> new String[] {"replay", "--run", "r1", "--bootstrap", closedAddress};
          default -> new String[] {"topics", "dump", "brevity.runs", "--bootstrap", closedAddress};
        };
    Instant started = Instant.now();

    CommandRun run = CommandRun.of(args);

    assertOneLineError(run, "cannot reach a Kafka broker at " + closedAddress);
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(20));
  }
}
