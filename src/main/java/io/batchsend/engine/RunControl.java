package io.batchsend.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run's stop state, shared by the reader loop, the workers and the signal handler: whether new
 * items may start, and the first fatal error (a log that cannot be written). Waits that a stop
 * should cut short (backoff, rate limit) go through {@link #sleepUnlessStopped}.
 */
public final class RunControl {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile int stopSignal;
  private final AtomicReference<String> fatal = new AtomicReference<>();

  /**
   * Asks the run to take no new items; items in flight finish within the grace period.
   *
   * @param signal the signal number that asked (2 for SIGINT, 15 for SIGTERM), or 0
   */
  public synchronized void stop(int signal) {
    if (stopped.getCount() > 0) {
      stopSignal = signal;
      stopped.countDown();
    }
  }

  /**
   * Records a fatal error (the first one wins) and stops the run.
   *
   * @param message one line for the user, naming the file
   */
  public void fail(String message) {
    fatal.compareAndSet(null, message);
    stop(0);
  }

  public boolean isStopping() {
    return stopped.getCount() == 0;
  }

  /**
   * Waits {@code nanos}, or less if the run is stopped meanwhile.
   *
   * @return true when the whole wait passed and the run was not stopped
   */
  public boolean sleepUnlessStopped(long nanos) throws InterruptedException {
    if (nanos <= 0) {
      return !isStopping();
    }
    return !stopped.await(nanos, TimeUnit.NANOSECONDS);
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
