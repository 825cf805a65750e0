package dev.brevity.testsupport;

import dev.brevity.launcher.PackagedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module's packaged service started for a test, through the launcher {@code brevity demo} uses
 * ({@link PackagedService}): on a free port, its output in a temporary log file, ready when {@link
 * #start} returns. Tests can stop it gracefully or kill it (SIGKILL, no shutdown hooks) in the
 * middle of its work.
 */
public final class ServiceProcess implements AutoCloseable {

  private final PackagedService service;

  private ServiceProcess(PackagedService service) {
    this.service = service;
  }

  /**
   * Starts the packaged service of the module the test runs in, with {@code properties} as system
   * properties, and waits until {@code /q/health/ready} answers UP.
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
    Map<String, String> all = new LinkedHashMap<>();
    all.put("kafka.bootstrap.servers", bootstrapServers);
    all.putAll(properties);
    PackagedService service;
    try {
      service =
          PackagedService.start(
              name,
              PackagedService.jar(moduleDir),
              heap,
              PackagedService.freePort(),
              all,
              Files.createTempFile("brevity-" + name + "-", ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    try {
      service.awaitReady(timeout);
    } catch (InterruptedException e) {
      service.kill();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new ServiceProcess(service);
  }

  /** The service's HTTP base address. */
  public URI uri() {
    return service.uri();
  }

  /** GETs {@code path}; returns the body. */
  public String get(String path) {
    return service.get(path);
  }

  /**
   * The value of a Prometheus counter or gauge on {@code /q/metrics} (summed over its label sets
   * that contain {@code labelFilter}), 0 when absent.
   */
  public double metric(String name, String labelFilter) {
    return service.metric(name, labelFilter);
  }

  /** Kills the process at once (SIGKILL): no shutdown hooks, no graceful close. */
  public void kill() {
    service.kill();
  }

  /** Asks the process to stop (SIGTERM) and waits for it. */
  @Override
  public void close() {
    service.close();
  }

  /** The process's output so far, for failure messages. */
  public String log() {
    return service.output();
  }
}
