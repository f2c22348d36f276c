package io.batchsend.engine;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The run's stop state, shared by the reader loop, the workers and the signal handler: whether new
 * items may start, and the first fatal error (a log that cannot be written).
 */
public final class RunControl {
  private volatile boolean stopping;
  private volatile int stopSignal;
  private final AtomicReference<String> fatal = new AtomicReference<>();

  /** Asks the run to take no new items; items in flight finish. */
  public void stop(int signal) {
    if (!stopping) {
      stopSignal = signal;
    }
    stopping = true;
  }

  /**
   * Records a fatal error (the first one wins) and stops the run.
   *
   * @param message one line for the user, naming the file
   */
  public void fail(String message) {
    fatal.compareAndSet(null, message);
    stopping = true;
  }

  public boolean isStopping() {
    return stopping;
  }

  /** The signal number that stopped the run, or 0. */
  public int stopSignal() {
    return stopSignal;
  }

  /** The first fatal error's message, or null. */
  public String fatal() {
    return fatal.get();
  }
}
