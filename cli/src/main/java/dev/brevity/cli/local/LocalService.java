package dev.brevity.cli.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Brevity service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its
 * own process: every line it prints goes to its log file and, prefixed with its name, to the
 * terminal.
 */
public final class LocalService implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private LocalService(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the service and returns at once; {@link #awaitReady} waits for it.
   *
   * @param jar the service's {@code quarkus-run.jar}
   * @param heap its Java heap, e.g. {@code 512m}
   * @param port its HTTP port
   * @param properties its configuration, as system properties
   * @param logDir where {@code <name>.log} is written
   */
  public static LocalService start(
      String name,
      Path jar,
      String heap,
      int port,
      Map<String, String> properties,
      Path logDir,
      Terminal terminal) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the services first (./brevity does)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      LocalService service = new LocalService(name, process, port, log);
      Thread pump = new Thread(() -> service.pump(terminal), name + "-output");
      pump.setDaemon(true);
      pump.start();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  /** The service's HTTP base address. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Its log file. */
  public Path log() {
    return log;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /**
   * The value of a Prometheus counter or gauge on {@code /q/metrics}, summed over its label sets
   * that contain {@code labelFilter}; 0 when absent.
   */
  public double metric(String metric, String labelFilter) throws IOException, InterruptedException {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(uri().resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(metric) && line.contains(labelFilter)) {
        String rest = line.substring(metric.length());
        if (rest.startsWith("{") || rest.startsWith(" ")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  /** Waits until {@code /q/health/ready} answers UP; fails if the process exits first. */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + " (its log: " + log + ")");
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(uri().resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (ConnectException e) {
        // not listening yet
      } catch (IOException e) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        name + " was not ready within " + timeout.toSeconds() + " s (its log: " + log + ")");
  }

  /** Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /** Copies the process's output, line by line, to its log file and the terminal. */
  private void pump(Terminal terminal) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = lines.readLine()) != null) {
        file.println(line);
        terminal.log(name, line);
      }
    } catch (IOException e) {
      terminal.log(name, "(output lost: " + e.getMessage() + ")");
    }
  }
}
