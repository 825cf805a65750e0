package dev.brevity.cli.local;

import java.io.PrintStream;
import java.util.List;

/**
 * The launcher's terminal: service log lines prefixed with the service's name, the launcher's own
 * messages, and a block of progress lines. On an interactive terminal the block stays at the bottom
 * and is redrawn in place; otherwise it is printed again whenever it changes, at most every {@code
 * plainInterval} milliseconds.
 */
public final class Terminal {

  private static final String CLEAR_LINE_AND_BELOW = "\033[J";

  private final PrintStream out;
  private final boolean interactive;
  private final long plainIntervalMillis;
  private boolean showLogs = true;
  private List<String> block = List.of();
  private int drawn; // lines of the block on screen (interactive only)
  private long lastPlainPrint;
  private List<String> lastPlainBlock = List.of();

  public Terminal(PrintStream out, boolean interactive, long plainIntervalMillis) {
    this.out = out;
    this.interactive = interactive;
    this.plainIntervalMillis = plainIntervalMillis;
  }

  /** Standard output; interactive when it is a terminal that understands ANSI escapes. */
  public static Terminal standard() {
    String term = System.getenv("TERM");
    boolean interactive = System.console() != null && term != null && !term.equals("dumb");
    return new Terminal(System.out, interactive, 15_000);
  }

  /** Whether service log lines are shown (they always go to their files). */
  public synchronized void showLogs(boolean show) {
    this.showLogs = show;
  }

  /** A service's log line, prefixed with its name. */
  public synchronized void log(String source, String line) {
    if (showLogs) {
      print(String.format("%-8s| %s", source, line));
    }
  }

  /** One of the launcher's own messages. */
  public synchronized void say(String message) {
    print(message);
  }

  /** Replaces the progress block. */
  public synchronized void progress(List<String> lines) {
    if (interactive) {
      erase();
      block = List.copyOf(lines);
      draw();
    } else {
      block = List.copyOf(lines);
      long now = System.currentTimeMillis();
      if (!block.equals(lastPlainBlock) && now - lastPlainPrint >= plainIntervalMillis) {
        block.forEach(out::println);
        out.flush();
        lastPlainPrint = now;
        lastPlainBlock = block;
      }
    }
  }

  /** Prints the progress block as it stands (once more, in plain mode) and stops redrawing it. */
  public synchronized void endProgress() {
    if (interactive) {
      drawn = 0;
    } else if (!block.equals(lastPlainBlock)) {
      block.forEach(out::println);
    }
    block = List.of();
    lastPlainBlock = List.of();
    out.flush();
  }

  private void print(String line) {
    erase();
    out.println(line);
    draw();
    out.flush();
  }

  private void erase() {
    if (interactive && drawn > 0) {
      out.print("\033[" + drawn + "A\r" + CLEAR_LINE_AND_BELOW);
      drawn = 0;
    }
  }

  private void draw() {
    if (interactive) {
      block.forEach(out::println);
      drawn = block.size();
    }
  }
}
