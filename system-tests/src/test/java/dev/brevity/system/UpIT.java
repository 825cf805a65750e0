package dev.brevity.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./brevity up}: the broker and the four services stay up, the dashboard answers, and a stop
 * signal (what Ctrl-C sends the command) stops every child process and the broker cleanly.
 */
class UpIT {

  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern READY =
      Pattern.compile("brevity up: broker (\\S+), dashboard (\\S+),");

  @Test
  void staysUpUntilStoppedThenStopsEveryChildProcess() throws Exception {
    Path data = Files.createTempDirectory("brevity-up-it-");
    ProcessBuilder builder =
        new ProcessBuilder(
                HOME.resolve("brevity").toString(),
                "up",
                "--data-dir",
                data.toString(),
                "--port",
                "0",
                "--dashboard-port",
                Integer.toString(freePort()),
                "--no-logs")
            .redirectErrorStream(true);
    builder.environment().put("BREVITY_NO_BUILD", "1");
    Process up = builder.start();
    // what the command prints, read on its own thread (destroying a process closes its pipe)
    StringBuffer printed = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  printed.append(line).append('\n');
                }
              } catch (IOException e) {
                printed.append("(output closed: ").append(e.getMessage()).append(")\n");
              }
            });
    reader.start();
    try {
      Matcher ready = READY.matcher("");
      boolean found = false;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!found && System.nanoTime() < deadline) {
        ready = READY.matcher(printed.toString());
        found = ready.find();
        if (!found) {
          assertThat(up.isAlive()).as("up exited:\n" + printed).isTrue();
          Thread.sleep(250);
        }
      }
      assertThat(found).as("the ready line within 3 minutes:\n" + printed).isTrue();
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(ready.group(2))).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("Brevity");
      // the launcher execs java: the command's descendants are the four services
      List<ProcessHandle> services = up.toHandle().descendants().toList();
      assertThat(services)
          .as("service processes")
          .hasSize(4)
          .allSatisfy(
              p -> assertThat(p.info().commandLine().orElse("")).contains("quarkus-run.jar"));
      Thread.sleep(3000); // up, and staying up
      assertThat(up.isAlive()).isTrue();

      up.toHandle().destroy(); // SIGTERM, what Ctrl-C amounts to (Process.destroy closes the pipe)
      assertThat(up.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
      reader.join(10_000);
      assertThat(printed.toString())
          .contains("brevity up: stopping the services and the broker")
          .contains("brevity up: stopped");
      assertThat(services).noneMatch(ProcessHandle::isAlive);
      for (String service : List.of("reward", "sampler", "trainer", "eval")) {
        assertThat(data.resolve("logs").resolve(service + ".log")).isNotEmptyFile();
      }
    } finally {
      up.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
