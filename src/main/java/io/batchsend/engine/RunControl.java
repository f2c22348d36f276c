package io.batchsend.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run's stop state, shared by the reader loop, the workers and the signal handler: whether new
 * items may start, and the first fatal error (a log that cannot be written). Waits that a stop
 * should cut short (backoff, rate limit, pause) go through {@link Clock#sleep}, which the system
 * clock implements with {@link #awaitStop} and a fake clock with {@link #whenStopped}.
 */
public final class RunControl {
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Run once by {@link #stop}: how waits on a clock other than the system's learn of a stop. */
  private final List<Runnable> stopListeners = new CopyOnWriteArrayList<>();

  private volatile int stopSignal;

  /** Whether the engine has begun taking items (and so may have sent one); guarded by this. */
  private boolean begun;

  private final AtomicReference<String> fatal = new AtomicReference<>();

  /**
   * Asks the run to take no new items; items in flight finish within the grace period.
   *
   * @param signal the signal number that asked (2 for SIGINT, 15 for SIGTERM), or 0
   */
  public synchronized void stop(int signal) {
    stop(signal, true);
  }

  private synchronized void stop(int signal, boolean wakeWaits) {
    if (stopped.getCount() > 0) {
      stopSignal = signal;
      stopped.countDown();
      if (wakeWaits) {
        stopListeners.forEach(Runnable::run);
      }
    }
  }

  /**
   * Called by the engine before it takes the first item: from now on a stop must let the items in
   * flight finish and be logged.
   *
   * @return false when the run is stopping already, so nothing may be sent
   */
  public synchronized boolean begin() {
    if (isStopping()) {
      return false;
    }
    begun = true;
    return true;
  }

  /**
   * Stops the run as {@link #stop} does, and tells whether it had begun. Atomic with {@link
   * #begin}: when this returns false, the engine will send nothing, so a process stuck before the
   * engine (opening a named pipe no one reads, waiting for the first item of a stalled stdin) can
   * exit at once without losing anything.
   *
   * @return true when the engine had begun taking items
   */
  public synchronized boolean stopAndTellIfBegun(int signal) {
    // Before the engine began, the caller exits at once: waking the waits (closing stdin, say)
    // would only let the interrupted start-up print errors of its own first.
    stop(signal, begun);
    return begun;
  }

  /**
   * Runs {@code listener} when the run stops, or now if it has stopped already. For clocks whose
   * waits are not on {@link #awaitStop}.
   */
  public synchronized void whenStopped(Runnable listener) {
    if (isStopping()) {
      listener.run();
    } else {
      stopListeners.add(listener);
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
   * Waits up to {@code timeout} of real time for the run to stop.
   *
   * @return true when the run is stopping
   */
  public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
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
