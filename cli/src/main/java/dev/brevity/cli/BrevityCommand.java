package dev.brevity.cli;

import dev.brevity.policy.checkpoint.CheckpointException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
   * The one-line message of an error the user can fix, or null for one that is a fault: bad options
   * and data, a file or directory that is not there, a checkpoint that is not one.
   */
  static String userError(Exception error) {
    if (error instanceof UncheckedIOException unchecked) {
      String file = fileError(unchecked.getCause());
      return file != null ? file : error.getMessage();
    }
    if (error instanceof IllegalArgumentException || error instanceof CheckpointException) {
      return error.getMessage();
    }
    return fileError(error);
  }

  private static String fileError(Throwable error) {
    if (error instanceof NoSuchFileException missing) {
      return "no such file or directory: " + missing.getFile();
    }
    if (error instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (error instanceof NotDirectoryException notDirectory) {
      return "not a directory: " + notDirectory.getFile();
    }
    if (error instanceof FileSystemException other) {
      return other.getMessage();
    }
    return null;
  }

  /**
   * The command line. Errors a user can fix ({@link #userError}) print as one line on standard
   * error, exit code 2; anything else keeps its stack trace.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new BrevityCommand())
        .setExecutionExceptionHandler(
            (error, commandLine, parseResult) -> {
              String message = userError(error);
              if (message != null) {
                commandLine.getErr().println("brevity: " + message);
                return 2;
              }
              throw error;
            });
  }
}
