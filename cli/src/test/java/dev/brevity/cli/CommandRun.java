package dev.brevity.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs a {@code brevity} command in this JVM and captures its output and its error messages. */
record CommandRun(int exitCode, String stdout, String stderr) {

  static synchronized CommandRun of(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter errors = new StringWriter();
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      CommandLine commandLine = BrevityCommand.commandLine();
      commandLine.setErr(new PrintWriter(errors, true));
      int exit = commandLine.execute(args);
      return new CommandRun(exit, captured.toString(StandardCharsets.UTF_8), errors.toString());
    } finally {
      System.setOut(original);
    }
  }
}
