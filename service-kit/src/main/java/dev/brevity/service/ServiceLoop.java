package dev.brevity.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A service's main loop, on its own thread: it runs until asked to stop, says whether it runs, and
 * keeps the last failure for the health checks ({@link LoopHealth}). A loop that retries after a
 * failure records it with {@link #failed} and clears it with {@link #recovered}; a failure that
 * escapes {@link #loop} ends the loop.
 */
public abstract class ServiceLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(ServiceLoop.class);

  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile boolean running;
  private volatile Throwable failure;

  /** The work: returns when {@link #stopping()} turns true, or throws. */
  protected abstract void loop();

  @Override
  public final void run() {
    try {
      loop();
    } catch (RuntimeException e) {
      failure = e;
      LOG.errorf(e, "%s stopped", Thread.currentThread().getName());
    } finally {
      running = false;
      ended.countDown();
    }
  }

  /** Runs the loop on a new thread named {@code name}. */
  public final void start(String name) {
    new Thread(this, name).start();
  }

  /** Asks the loop to stop after the work in hand, and waits up to {@code timeout} for it. */
  public final void stop(Duration timeout) {
    stopping = true;
    try {
      ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True from {@link #ready()} until the loop ends. */
  public final boolean running() {
    return running;
  }

  /** True once the loop has ended, by a stop or a failure. */
  public final boolean ended() {
    return ended.getCount() == 0;
  }

  /** The last failure, or null. */
  public final Throwable failure() {
    return failure;
  }

  protected final boolean stopping() {
    return stopping;
  }

  /** The loop is set up and serves (readiness). */
  protected final void ready() {
    running = true;
  }

  /** A failure the loop recovers from by retrying: reported until {@link #recovered}. */
  protected final void failed(Throwable e) {
    failure = e;
  }

  protected final void recovered() {
    failure = null;
  }

  /** Sleeps, unless interrupted. */
  protected static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
