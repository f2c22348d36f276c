package io.batchsend.engine;

import java.util.concurrent.TimeUnit;

/**
 * Time as the engine sees it: reading it and waiting on it. Replaceable, so that rate, backoff,
 * pause and adaptive tests run on virtual time and never wait on the wall clock.
 *
 * <p>Every wait in the engine goes through {@link #sleep}, so a fake clock sees all of them.
 */
public interface Clock {
  /** Monotonic nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch, for timestamps and HTTP dates. */
  long epochMillis();

  /**
   * Waits {@code nanos} of this clock's time, or less when {@code control} is stopped meanwhile. A
   * wait of 0 or less returns at once, without allocating or locking: the hot path when no rate is
   * set.
   *
   * @return true when the whole wait passed and the run was not stopped
   */
  boolean sleep(long nanos, RunControl control) throws InterruptedException;

  /** The system clock: {@link System#nanoTime}, and waits on the run's stop latch. */
  Clock SYSTEM =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long epochMillis() {
          return System.currentTimeMillis();
        }

        @Override
        public boolean sleep(long nanos, RunControl control) throws InterruptedException {
          if (nanos <= 0) {
            return !control.isStopping();
          }
          return !control.awaitStop(nanos, TimeUnit.NANOSECONDS);
        }
      };
}
