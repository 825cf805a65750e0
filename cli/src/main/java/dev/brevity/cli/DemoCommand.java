package dev.brevity.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code brevity demo}. The full demo (four services and the bundled pruning experiments) is not
 * built yet; for now it says so and starts what exists: the broker with every topic.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the bundled pruning demo (for now: the broker with every topic).")
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    System.err.println(
        "brevity demo: the services and pruning experiments are not part of this build yet;"
            + " starting the broker with every Brevity topic (Ctrl-C stops it).");
    return spec.root().commandLine().execute("broker");
  }
}
