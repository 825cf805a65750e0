package dev.brevity.cli;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * How a long-running command ends: on Ctrl-C (or SIGTERM) a shutdown hook announces it, stops what
 * the command started, announces that, and releases the command's thread waiting in {@link #await}.
 */
final class UntilStopped {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean stopping;

  private UntilStopped(
      String command, Consumer<String> say, String stop, String done, Runnable close) {
    String prefix = "brevity " + command + ": ";
    this.hook =
        new Thread(
            () -> {
              stopping = true;
              say.accept(prefix + stop);
              close.run();
              say.accept(prefix + done);
              stopped.countDown();
            },
            command + "-shutdown");
  }

  /**
   * Installs the hook of {@code brevity <command>}.
   *
   * @param say where its two messages go, each prefixed with {@code brevity <command>: }
   * @param stop the message before {@code close} runs
   * @param done the message after
   */
  static UntilStopped install(
      String command, Consumer<String> say, String stop, String done, Runnable close) {
    UntilStopped until = new UntilStopped(command, say, stop, done, close);
    Runtime.getRuntime().addShutdownHook(until.hook);
    return until;
  }

  /** Whether the hook has begun: what the command started is being stopped on purpose. */
  boolean stopping() {
    return stopping;
  }

  /** Waits until the hook has stopped everything. */
  void await() throws InterruptedException {
    stopped.await();
  }

  /** Removes the hook, for a command that stops what it started itself. */
  void cancel() {
    Runtime.getRuntime().removeShutdownHook(hook);
  }
}
