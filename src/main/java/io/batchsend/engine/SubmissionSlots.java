package io.batchsend.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded window between the reader and the workers: at most {@code capacity} items queued or
 * in flight, taken by the one reader thread {@code batch} at a time.
 *
 * <p>Why not a {@link java.util.concurrent.Semaphore}: a semaphore wakes its waiter on every
 * release, and a reader waiting for a batch of slots woke up, found too few and went back to sleep
 * once per item (a profile of 20,000 items showed 9,656 such parks). Here a release wakes the
 * reader only when it completes a batch.
 */
final class SubmissionSlots {
  private final AtomicInteger free;
  private final int batch;

  /** The reader while it is parked in {@link #take}, else null. */
  private volatile Thread waiting;

  SubmissionSlots(int capacity, int batch) {
    if (batch < 1 || batch > capacity) {
      throw new IllegalArgumentException("batch " + batch + " of capacity " + capacity);
    }
    this.free = new AtomicInteger(capacity);
    this.batch = batch;
  }

  /**
   * Takes {@code batch} slots, waiting for them at most {@code timeout}. Reader thread only.
   *
   * @return false, having taken nothing, when the time ran out
   */
  boolean take(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      int available = free.get();
      if (available >= batch) {
        if (free.compareAndSet(available, available - batch)) {
          return true;
        }
        continue;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // Publish ourselves, then look again: a release either sees us or is seen here.
      waiting = Thread.currentThread();
      if (free.get() < batch) {
        LockSupport.parkNanos(this, left);
      }
      waiting = null;
    }
  }

  /** Gives one slot back; any thread. */
  void release() {
    // Only the release that completes a batch wakes the reader: the count rises one at a time and
    // only the reader lowers it, so exactly one release sees it reach {@code batch}.
    if (free.incrementAndGet() == batch) {
      Thread reader = waiting;
      if (reader != null) {
        LockSupport.unpark(reader);
      }
    }
  }

  int batch() {
    return batch;
  }

  /** Slots free now; for tests. */
  int available() {
    return free.get();
  }
}
