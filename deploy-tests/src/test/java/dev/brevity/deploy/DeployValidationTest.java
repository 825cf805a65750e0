package dev.brevity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs deploy/validate (Node.js, offline) on every kustomize overlay and docker-compose.yml, and on
 * broken fixtures it must reject. Installs the validator's locked dependencies ({@code npm ci})
 * once, when they are missing or older than the lockfile.
 */
class DeployValidationTest {

  private static final Path VALIDATE = Path.of("..", "deploy", "validate").toAbsolutePath();

  /** What one run of the validator printed, and its exit code. */
  record Result(int exitCode, String output) {}

  @BeforeAll
  static void installValidator() throws Exception {
    Path installed = VALIDATE.resolve("node_modules/.package-lock.json");
    Path lock = VALIDATE.resolve("package-lock.json");
    if (!Files.exists(installed)
        || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
      Result npm =
          run(
              List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"),
              Map.of(),
              TimeUnit.MINUTES.toSeconds(5));
      assertThat(npm.exitCode()).as("npm ci in deploy/validate:%n%s", npm.output()).isZero();
    }
  }

  @Test
  void everyOverlayAndTheComposeFileAreValid() throws Exception {
    Result result = validate(Map.of());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("deploy/overlays/dev: ", "deploy/overlays/gpu: ", "docker-compose.yml");
  }

  /**
   * Where no kubectl with kustomize v4+ is installed, the validator renders the overlays itself.
   */
  @Test
  void everyOverlayIsValidWhenRenderedWithoutKubectl() throws Exception {
    Result result = validate(Map.of("KUBECTL", "/nonexistent/kubectl"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("no kubectl: rendered with render.mjs only");
  }

  /** A broken fixture, the option that hands it to the validator, and what the rejection says. */
  static Stream<Arguments> brokenFixtures() {
    return Stream.of(
        Arguments.of(
            Named.of("a Deployment without selector", "--manifests"),
            "fixtures/broken-deployment.yaml",
            List.of(
                "INVALID deploy/validate/fixtures/broken-deployment.yaml document 1"
                    + " (Deployment/brevity-sampler): spec.selector: is required")),
        Arguments.of(
            Named.of("a ScaledObject without scaleTargetRef", "--manifests"),
            "fixtures/broken-scaledobject.yaml",
            List.of(
                "INVALID deploy/validate/fixtures/broken-scaledobject.yaml document 1"
                    + " (ScaledObject/brevity-sampler): spec.scaleTargetRef: is required")),
        Arguments.of(
            Named.of("a KafkaTopic without partitions or cluster", "--manifests"),
            "fixtures/broken-kafkatopic.yaml",
            List.of(
                "(KafkaTopic/brevity.traces): spec.partitions: is required",
                "(KafkaTopic/brevity.traces): metadata.labels.[strimzi.io/cluster]: is required")),
        Arguments.of(
            Named.of("a compose file with a misspelt key", "--compose"),
            "fixtures/broken-compose.yml",
            List.of(
                "INVALID deploy/validate/fixtures/broken-compose.yml: services.eval: must NOT have"
                    + " additional properties (enviroment)",
                "services.topics.volumes: must mount ./deploy/compose/create-topics.sh")));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("brokenFixtures")
  void aBrokenFixtureIsRejected(String option, String fixture, List<String> messages)
      throws Exception {
    Result result = validate(Map.of(), option, fixture);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains(messages);
  }

  /** Well-formed documents that break Brevity's rules: autoscaling, one trainer, threads. */
  @Test
  void anOverlayBreakingBrevitysRulesIsRejected() throws Exception {
    Result result =
        validate(Map.of("KUBECTL", "/nonexistent/kubectl"), "--overlay", "fixtures/broken-overlay");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains(
            "deploy/base/services/sampler.yaml document 2 (ScaledObject/brevity-sampler, rendered"
                + " by deploy/validate/fixtures/broken-overlay): spec.maxReplicaCount: 8 exceeds"
                + " the 4 partitions of brevity.rollout-requests")
        .contains(
            "(Deployment/brevity-trainer, rendered by deploy/validate/fixtures/broken-overlay)")
        .contains("spec.replicas: must be 1 (one active trainer)")
        .contains("-Dai.djl.pytorch.num_threads=2 must equal the CPU limit (3)");
  }

  private static Result validate(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
    command.addAll(List.of(args));
    return run(command, env, 60);
  }

  private static Result run(List<String> command, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    File log = Files.createTempFile("brevity-validate", ".log").toFile();
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(VALIDATE.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log);
      builder.environment().putAll(env);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new AssertionError(
            command.get(0)
                + " is not installed: the validator needs Node.js and npm (.ci/run"
                + " installs them)",
            e);
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(
          process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    } finally {
      log.delete();
    }
  }
}
