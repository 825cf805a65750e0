package dev.brevity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as its own
 * process, as it runs in production: tests can stop it gracefully or kill it (SIGKILL, no shutdown
 * hooks) in the middle of its work.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the module's packaged service with {@code properties} as system properties and waits
   * until {@code /q/health/ready} answers UP.
   *
   * @param name names the process in messages and its log file
   */
  public static ServiceProcess start(
      String name, String bootstrapServers, Map<String, String> properties, Duration timeout) {
    return start(name, Path.of("."), "256m", bootstrapServers, properties, timeout);
  }

  /**
   * Starts the packaged service of the module in {@code moduleDir} (e.g. {@code
   * ../sampler-service}) with a heap of {@code heap} (e.g. {@code 512m}).
   */
  public static ServiceProcess start(
      String name,
      Path moduleDir,
      String heap,
      String bootstrapServers,
      Map<String, String> properties,
      Duration timeout) {
    Path jar = moduleDir.resolve(Path.of("target", "quarkus-app", "quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " is missing: package the service first");
    }
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
    command.add("-Dquarkus.http.port=" + port);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Path log = Files.createTempFile("brevity-" + name + "-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ServiceProcess service = new ServiceProcess(name, process, port, log);
      service.awaitReady(timeout);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The service's HTTP base address. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** GETs {@code path}; returns the body. */
  public String get(String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value of a Prometheus counter or gauge on {@code /q/metrics} (summed over its label sets
   * that contain {@code labelFilter}), 0 when absent.
   */
  public double metric(String name, String labelFilter) {
    double sum = 0;
    for (String line : get("/q/metrics").split("\n")) {
      if (line.startsWith(name) && !line.startsWith("#") && line.contains(labelFilter)) {
        String rest = line.substring(name.length());
        if (rest.startsWith("{") || rest.startsWith(" ")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  /** Kills the process at once (SIGKILL): no shutdown hooks, no graceful close. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** Asks the process to stop (SIGTERM) and waits for it. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  /** The process's output so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(uri().resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + log());
  }

  private void waitFor() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
