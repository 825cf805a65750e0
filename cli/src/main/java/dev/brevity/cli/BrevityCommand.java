package dev.brevity.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code brevity} command line. */
@Command(
    name = "brevity",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Teaches reasoning models to think shorter without getting worse.",
    subcommands = {
      DemoCommand.class,
      BrokerCommand.class,
      TopicsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BrevityCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BrevityCommand()).execute(args));
  }
}
