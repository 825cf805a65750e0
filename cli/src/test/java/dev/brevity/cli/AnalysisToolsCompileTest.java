package dev.brevity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-file programs under {@code tools/analysis} (run with {@code java -cp
 * "cli/target/brevity-cli.jar:cli/target/lib/*" FILE.java}) compile against the cli's classpath, so
 * a change to the APIs they use cannot leave them broken.
 */
class AnalysisToolsCompileTest {

  @TempDir Path out;

  @Test
  void everyAnalysisToolCompiles() throws Exception {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "tools", "analysis"))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
    }
    assertThat(sources).isNotEmpty();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp"));
    args.add(System.getProperty("java.class.path"));
    args.addAll(sources);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();

    int status = javac.run(null, null, errors, args.toArray(String[]::new));

    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.resolve("TraceAnatomy.class")).exists();
  }
}
