package dev.brevity.cli.local;

import dev.brevity.broker.EmbeddedKafkaBroker;
import dev.brevity.broker.TopicCreator;
import dev.brevity.launcher.PackagedService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Brevity on one machine: the embedded Kafka broker in this process and the four services as
 * separate processes (reward, sampler, trainer, eval with the dashboard), their data under one
 * directory: {@code broker/}, {@code checkpoints/}, {@code trainer-staging/}, {@code
 * reward-state/}, {@code logs/}.
 */
public final class LocalStack implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  /** How long a service may take to stop before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /** PyTorch threads of each of the three model-running services: a third of the cores. */
  static final int TORCH_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 3);

  /**
   * @param dataDir where everything is kept
   * @param kafkaPort the broker's client port (0: a free one)
   * @param dashboardPort the eval-service's HTTP port, where the dashboard is
   * @param eval eval-service settings ({@code brevity.eval.*}) over its defaults
   */
  public record Settings(
      Path dataDir, int kafkaPort, int dashboardPort, Map<String, String> eval) {}

  private final BrevityHome home;
  private final Path data;
  private final Terminal terminal;
  private final EmbeddedKafkaBroker broker;
  private final List<PackagedService> services = new CopyOnWriteArrayList<>(); // read by the hook
  private final URI dashboard;
  private int samplers;
  private boolean closed;

  private LocalStack(
      BrevityHome home, Path data, Terminal terminal, EmbeddedKafkaBroker broker, URI dashboard) {
    this.home = home;
    this.data = data;
    this.terminal = terminal;
    this.broker = broker;
    this.dashboard = dashboard;
  }

  /** Starts the broker (creating missing topics) and the services; returns once all are ready. */
  public static LocalStack start(BrevityHome home, Settings settings, Terminal terminal)
      throws InterruptedException {
    ensureFree(settings.dashboardPort());
    Path data = settings.dataDir().toAbsolutePath();
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(data.resolve("broker"), settings.kafkaPort());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicCreator.createMissing(admin, (short) 1);
    }
    LocalStack stack =
        new LocalStack(
            home,
            data,
            terminal,
            broker,
            URI.create("http://127.0.0.1:" + settings.dashboardPort() + "/"));
    // whatever ends this JVM (Ctrl-C, SIGTERM, an error) also ends the services it started,
    // even while they are still starting
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
    try {
      String reference = home.referenceModel().toString();
      stack.launch(
          "reward",
          "reward-service",
          "384m",
          PackagedService.freePort(),
          Map.of("brevity.reward.state-dir", data.resolve("reward-state").toString()));
      stack.launchSampler();
      stack.launch(
          "trainer",
          "trainer-service",
          "1g",
          PackagedService.freePort(),
          Map.of(
              "brevity.trainer.base-model", reference,
              "brevity.trainer.checkpoint-root", stack.checkpoints(),
              "brevity.trainer.staging-dir", data.resolve("trainer-staging").toString()));
      Map<String, String> eval = new LinkedHashMap<>(settings.eval());
      eval.put("brevity.eval.base-model", reference);
      stack.launch("eval", "eval-service", "768m", settings.dashboardPort(), eval);
      for (PackagedService service : stack.services) {
        service.awaitReady(READY_TIMEOUT);
      }
      return stack;
    } catch (RuntimeException | InterruptedException e) {
      stack.close();
      throw e;
    }
  }

  /**
   * Starts one more sampler process (the samplers share the rollout requests by consumer group) and
   * waits until it is ready.
   */
  public PackagedService addSampler() throws InterruptedException {
    PackagedService sampler = launchSampler();
    sampler.awaitReady(READY_TIMEOUT);
    return sampler;
  }

  /** The running service called {@code name} ({@code reward}, {@code sampler-2}, ...). */
  public PackagedService service(String name) {
    return services.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The live dashboard. */
  public URI dashboard() {
    return dashboard;
  }

  public List<PackagedService> services() {
    return services;
  }

  /** A service that has exited, if any. */
  public java.util.Optional<PackagedService> exited() {
    return services.stream().filter(s -> !s.alive()).findFirst();
  }

  /** Stops the services (SIGTERM, together), then the broker; once, whoever calls first. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Thread> stopping = new ArrayList<>();
    for (PackagedService service : services) {
      Thread thread = new Thread(() -> service.stop(STOP_GRACE), "stop-" + service.name());
      thread.start();
      stopping.add(thread);
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    broker.close();
  }

  /** Starts the next sampler: {@code sampler}, then {@code sampler-2}, ... (its own id). */
  private PackagedService launchSampler() {
    samplers++;
    String name = samplers == 1 ? "sampler" : "sampler-" + samplers;
    return launch(
        name,
        "sampler-service",
        "768m",
        PackagedService.freePort(),
        Map.of(
            "brevity.sampler.id", "sampler-" + samplers,
            "brevity.sampler.base-model", home.referenceModel().toString(),
            "brevity.sampler.checkpoint-root", checkpoints()));
  }

  /** Starts the packaged service of {@code module} as {@code name}, without waiting for it. */
  private PackagedService launch(
      String name, String module, String heap, int port, Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put("kafka.bootstrap.servers", broker.bootstrapServers());
    all.put("quarkus.http.host", "127.0.0.1");
    // sampler, trainer and eval-service share the machine's cores: PyTorch's default (a thread
    // per core in every process) oversubscribes them, and its spinning threads then slow every
    // process several times over
    all.put("ai.djl.pytorch.num_threads", Integer.toString(TORCH_THREADS));
    all.put("ai.djl.pytorch.num_interop_threads", "1");
    PackagedService service =
        PackagedService.start(
            name,
            home.serviceJar(module),
            heap,
            port,
            all,
            data.resolve("logs").resolve(name + ".log"),
            line -> terminal.log(name, line));
    services.add(service);
    return service;
  }

  private String checkpoints() {
    return data.resolve("checkpoints").toString();
  }

  private static void ensureFree(int port) {
    try (ServerSocket socket =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--dashboard-port: port " + port + " on 127.0.0.1 is in use; choose another");
    }
  }
}
