package io.batchsend.engine;

import io.batchsend.input.Item;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How much of the heap the items in flight may take, so that memory stays bounded whatever the
 * items hold and whatever {@code -c} is. A worker takes an item's share before it renders the
 * request and gives it back once the item's record is written; an item whose share is more than the
 * whole budget fails ({@code too-large}) before anything is sent.
 *
 * <p>An item's share is an estimate of what handling it holds at once: its text, the rendered URL
 * and body (escaping can make a value six times longer: {@code \u0001} in JSON), the body's bytes
 * as sent, and its log line with the item escaped again. Measured: 128 lines of 250,000 control
 * characters as a JSON body at {@code -c 16} ran the launcher's 96 MB heap out (exit 70, a sent
 * POST without its record); each such item holds about 8 MB while in flight.
 *
 * <p>Thread-safe. The shares are counted in KiB, fairly, so that a large item is not starved by
 * small ones.
 */
public final class MemoryBudget {
  /** No bound: for tests and for runs that never hold large items. */
  public static final MemoryBudget UNLIMITED = new MemoryBudget(Integer.MAX_VALUE / 2);

  /** Bytes an item holds while in flight, per character of its text (see the class comment). */
  static final long BYTES_PER_CHAR = 32;

  /** What any item holds besides its text: buffers, headers, the response's first bytes. */
  static final long BASE_BYTES = 64 * 1024;

  /** How often a waiting worker looks whether the run was stopped. */
  private static final long POLL_MILLIS = 50;

  private final int totalKib;
  private final Semaphore free;

  /**
   * @param totalKib the budget in KiB
   */
  private MemoryBudget(int totalKib) {
    this.totalKib = totalKib;
    this.free = new Semaphore(totalKib, true);
  }

  /** A budget of {@code fraction} of the heap this JVM may grow to. */
  public static MemoryBudget ofHeap(double fraction) {
    long bytes = (long) (Runtime.getRuntime().maxMemory() * fraction);
    return new MemoryBudget((int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, bytes >> 10)));
  }

  /** A budget of {@code totalKib} KiB. */
  public static MemoryBudget ofKib(int totalKib) {
    return new MemoryBudget(totalKib);
  }

  /** The share of {@code item}, in KiB. */
  int shareOf(Item item) {
    long bytes = BASE_BYTES + BYTES_PER_CHAR * item.text().length();
    return (int) Math.min(Integer.MAX_VALUE / 2, (bytes + 1023) >> 10);
  }

  /** True when {@code item} could never be handled within the whole budget. */
  boolean exceedsTotal(Item item) {
    return shareOf(item) > totalKib;
  }

  /** The budget in bytes, for messages. */
  long totalBytes() {
    return (long) totalKib << 10;
  }

  /**
   * Takes {@code item}'s share, waiting for other items to give theirs back.
   *
   * @return the KiB taken (to {@link #release}), or -1 when the run stopped meanwhile
   */
  int acquire(Item item, RunControl control) throws InterruptedException {
    int share = shareOf(item);
    if (free.tryAcquire(share)) {
      return share; // the usual case, and one that an interrupt flag already set does not stop
    }
    while (!free.tryAcquire(share, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (control.isStopping()) {
        return -1;
      }
    }
    return share;
  }

  /** True while a worker waits for its share; for tests. */
  boolean hasWaiters() {
    return free.hasQueuedThreads();
  }

  /** Gives back what {@link #acquire} took. */
  void release(int kib) {
    if (kib > 0) {
      free.release(kib);
    }
  }
}
