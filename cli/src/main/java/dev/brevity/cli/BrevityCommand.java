package dev.brevity.cli;

import java.io.UncheckedIOException;
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
      UpCommand.class,
      RunCommand.class,
      StatusCommand.class,
      BrokerCommand.class,
      TopicsCommand.class,
      TaskCommand.class,
      VerifyCommand.class,
      SftCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      ReplayCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BrevityCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line. Errors a user can fix (bad data, bad options) print as one line on standard
   * error, exit code 2; anything else keeps its stack trace.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new BrevityCommand())
        .setExecutionExceptionHandler(
            (error, commandLine, parseResult) -> {
              if (error instanceof IllegalArgumentException
                  || error instanceof UncheckedIOException) {
                commandLine.getErr().println("brevity: " + error.getMessage());
                return 2;
              }
              throw error;
            });
  }
}
