package dev.brevity.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's {@code chromium}), driven through Debian's {@code
 * chromedriver} over the W3C WebDriver protocol: open a page, run JavaScript in it, read the
 * browser console, take a screenshot. Nothing is downloaded.
 */
public final class HeadlessChromium implements AutoCloseable {

  /** Where Debian installs them. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process driver;
  private final URI session;
  private final Path profile;

  private HeadlessChromium(Process driver, URI session, Path profile) {
    this.driver = driver;
    this.session = session;
    this.profile = profile;
  }

  /** True when both binaries are installed (`.ci/run` installs them). */
  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Starts chromedriver and a headless browser session with a fresh profile. */
  public static HeadlessChromium start(Duration timeout) {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = Files.createTempFile("brevity-chromedriver-", ".log");
      Process driver =
          new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      awaitStatus(base, timeout, driver);
      Path profile = Files.createTempDirectory("brevity-chromium-");
      Map<String, Object> capabilities =
          Map.of(
              "browserName",
              "chrome",
              "goog:loggingPrefs",
              Map.of("browser", "ALL"),
              "goog:chromeOptions",
              Map.of(
                  "binary",
                  CHROMIUM.toString(),
                  "args",
                  List.of(
                      "--headless",
                      "--no-sandbox",
                      "--disable-gpu",
                      "--disable-quic",
                      "--disable-dev-shm-usage",
                      "--disable-background-networking",
                      "--disable-component-update",
                      "--disable-sync",
                      "--no-first-run",
                      "--window-size=1400,2400",
                      "--user-data-dir=" + profile)));
      JsonNode created =
          call(
              "POST",
              base.resolve("session"),
              Map.of("capabilities", Map.of("alwaysMatch", capabilities)));
      String id = created.path("value").path("sessionId").asText();
      return new HeadlessChromium(driver, base.resolve("session/" + id + "/"), profile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start chromedriver", e);
    }
  }

  /** Navigates to {@code url} and waits until the page has loaded. */
  public void open(URI url) {
    call("POST", session.resolve("url"), Map.of("url", url.toString()));
  }

  /** Runs {@code script} (a function body; {@code return} a value) in the page. */
  public JsonNode execute(String script) {
    return call(
            "POST", session.resolve("execute/sync"), Map.of("script", script, "args", List.of()))
        .path("value");
  }

  /** Runs {@code script} until its value satisfies {@code until}; fails after 4 minutes. */
  public JsonNode await(String script, Predicate<JsonNode> until) throws InterruptedException {
    return await(script, until, Duration.ofMinutes(4));
  }

  /** Runs {@code script} until its value satisfies {@code until}; fails after {@code timeout}. */
  public JsonNode await(String script, Predicate<JsonNode> until, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode value = execute(script);
    while (!until.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting on `" + script + "`; last value: " + value);
      }
      Thread.sleep(250);
      value = execute(script);
    }
    return value;
  }

  /** The browser console's entries since the last call: level and message. */
  public List<JsonNode> consoleEntries() {
    List<JsonNode> entries = new ArrayList<>();
    call("POST", session.resolve("se/log"), Map.of("type", "browser"))
        .path("value")
        .forEach(entries::add);
    return entries;
  }

  /** Saves a PNG of the window to {@code file}. */
  public void screenshot(Path file) {
    String png = call("GET", session.resolve("screenshot"), null).path("value").asText();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Base64.getDecoder().decode(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      call("DELETE", session, null);
    } catch (RuntimeException e) {
      // the driver is stopped next anyway
    } finally {
      // the browser is the driver's child: stop it too, even if the session did not end cleanly
      List<ProcessHandle> browser = driver.toHandle().descendants().toList();
      driver.destroy();
      browser.forEach(ProcessHandle::destroyForcibly);
      deleteQuietly(profile);
    }
  }

  private static void awaitStatus(URI base, Duration timeout, Process driver) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (call("GET", base.resolve("status"), null).path("value").path("ready").asBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        if (!driver.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("chromedriver did not start", e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static JsonNode call(String method, URI uri, Object body) {
    try {
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .method(method, publisher)
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            method + " " + uri + ": HTTP " + response.statusCode() + " " + json.path("value"));
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary profile; the OS cleans it eventually
    }
  }
}
