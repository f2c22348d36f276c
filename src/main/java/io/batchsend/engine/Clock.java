package io.batchsend.engine;

/** Time as the engine sees it; replaceable so that rate and retry tests control time. */
public interface Clock {
  /** Monotonic nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch, for timestamps and HTTP dates. */
  long epochMillis();

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
      };
}
