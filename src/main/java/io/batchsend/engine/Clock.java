package io.batchsend.engine;

/** Time as the engine sees it; replaceable so that retry and rate tests need no real sleeps. */
public interface Clock {
  /** Monotonic nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch, for timestamps and HTTP dates. */
  long epochMillis();

  /** Sleeps for {@code nanos}; returns early only by throwing when interrupted. */
  void sleepNanos(long nanos) throws InterruptedException;

  /** The system clock. */
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
        public void sleepNanos(long nanos) throws InterruptedException {
          if (nanos > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
          }
        }
      };
}
