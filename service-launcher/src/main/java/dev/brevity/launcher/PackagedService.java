package dev.brevity.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.function.Consumer;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its
 * own process, as it runs in production: its configuration given as system properties, ready once
 * {@code /q/health/ready} answers UP, stopped gracefully (SIGTERM) or killed (SIGKILL, no shutdown
 * hooks). Every line it prints goes to its log file and, when asked, to an echo. {@code brevity
 * demo} and {@code up} run their services with it, and so do the services' integration tests.
 */
public final class PackagedService implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;
  private final boolean echoed;
  private final Thread pump;

  private PackagedService(
      String name, Process process, int port, Path log, PrintWriter file, Consumer<String> echo) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.echoed = echo != null;
    this.pump = new Thread(() -> pump(file, echo), name + "-output");
    pump.setDaemon(true);
  }

  /** The packaged service of the module in {@code moduleDir}. */
  public static Path jar(Path moduleDir) {
    return moduleDir.resolve(Path.of("target", "quarkus-app", "quarkus-run.jar"));
  }

  /**
   * Starts the service and returns at once; {@link #awaitReady} waits for it. Its output goes only
   * to {@code log}, so the failures of {@link #awaitReady} carry it.
   *
   * @param name names the process in messages
   * @param jar the service's {@code quarkus-run.jar}
   * @param heap its Java heap, e.g. {@code 512m}
   * @param port its HTTP port
   * @param properties its configuration, as system properties
   * @param log the file its output is written to
   */
  public static PackagedService start(
      String name, Path jar, String heap, int port, Map<String, String> properties, Path log) {
    return start(name, jar, heap, port, properties, log, null);
  }

  /**
   * Starts the service as {@link #start(String, Path, String, int, Map, Path)} does, and also hands
   * every line it prints to {@code echo} (on a thread of its own).
   */
  public static PackagedService start(
      String name,
      Path jar,
      String heap,
      int port,
      Map<String, String> properties,
      Path log,
      Consumer<String> echo) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath()
              + " is missing: package the service first (./brevity demo and up build it)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-Dquarkus.http.port=" + port);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    try {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      PrintWriter file =
          new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
      Process process;
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        file.close();
        throw e;
      }
      PackagedService service = new PackagedService(name, process, port, log, file, echo);
      service.pump.start();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** A TCP port that is free on this machine now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** What the process has printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** GETs {@code path}; returns the body. */
  public String get(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " on " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The value of a Prometheus counter or gauge on {@code /q/metrics}, summed over its label sets
   * that contain {@code labelFilter}; 0 when absent.
   */
  public double metric(String metric, String labelFilter) {
    return metricSum(get("/q/metrics"), metric, labelFilter);
  }

  static double metricSum(String exposition, String metric, String labelFilter) {
    double sum = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(metric) && line.contains(labelFilter)) {
        String rest = line.substring(metric.length());
        if (rest.startsWith("{") || rest.startsWith(" ")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  /**
   * Waits until {@code /q/health/ready} answers UP; fails if the process exits first, and kills it
   * if it is not ready in time.
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + failureDetail());
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
      } catch (IOException e) {
        // not listening yet, or starting
      }
      Thread.sleep(250);
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException(
        name + " was not ready within " + timeout.toSeconds() + " s" + failureDetail());
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

  /** Kills the process at once (SIGKILL): no shutdown hooks, no graceful close. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** Asks the process to stop (SIGTERM) and waits for it, however long its shutdown takes. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Where to look: the log file, and what it holds when nobody has seen it. */
  private String failureDetail() throws InterruptedException {
    String where = " (its log: " + log + ")";
    if (echoed) {
      return where;
    }
    pump.join(Duration.ofSeconds(5).toMillis()); // the process's last lines
    return where + ":\n" + output();
  }

  /** Copies the process's output, line by line, to its log file and the echo. */
  private void pump(PrintWriter file, Consumer<String> echo) {
    try (file;
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        file.println(line);
        if (echo != null) {
          echo.accept(line);
        }
      }
    } catch (IOException e) {
      if (echo != null) {
        echo.accept("(output lost: " + e.getMessage() + ")");
      }
    }
  }
}
