package io.batchsend.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A smooth limit on request starts shared by all workers ({@code --rate}): starts are spaced at
 * least {@code 1/rate} apart, so there is no burst at the start of a run or of any second. Each
 * caller reserves the next free slot with a compare-and-set and then waits for it ({@link
 * Clock#sleep}) outside any lock.
 *
 * <p>A run has two at the same rate: the workers' one, taken before each attempt so that long waits
 * stay outside {@code --timeout}, and the write gate's ({@link #freshCopy}), taken once the
 * connection is ready, just before each request (redirect hops included) is written. The second
 * holds the contract "no two requests written closer than 1/rate", whatever connecting took.
 *
 * <p>The workers' spacing may be moved by {@link AdaptiveRate} ({@link #setPerSecond}), never
 * faster than the configured rate; the write gate's never moves. The spacing is an atomic read by
 * every reservation. The shared {@link #UNLIMITED} must never be moved: a run that may learn a rate
 * makes its own ({@link #unlimited}).
 */
public final class RateLimiter {
  /** No limit, shared: never to be moved with {@link #setPerSecond}. */
  public static final RateLimiter UNLIMITED = new RateLimiter(0, Clock.SYSTEM);

  private final long configuredNanos;
  private final AtomicLong intervalNanos;
  private final Clock clock;
  private final AtomicLong nextFree;

  /** The start time of the last reservation that had to wait: the spacing held it back. */
  private final AtomicLong lastWaitNanos;

  /**
   * The line of workers waiting in {@link #acquire}: its holder alone sleeps until the next slot,
   * the others are parked here in arrival order (fair). Without it every waiter slept until the
   * same slot, and each slot woke them all: at {@code --rate=2000/s -c 256} 24 s of CPU for 20,000
   * requests instead of 5.5 s. Held across the sleep, never with any other lock.
   */
  private final ReentrantLock line = new ReentrantLock(true);

  /**
   * @param intervalNanos the spacing between starts; 0 for no limit
   */
  public RateLimiter(long intervalNanos, Clock clock) {
    if (intervalNanos < 0) {
      throw new IllegalArgumentException("interval must be >= 0: " + intervalNanos);
    }
    this.configuredNanos = intervalNanos;
    this.intervalNanos = new AtomicLong(intervalNanos);
    this.clock = clock;
    this.nextFree = new AtomicLong(clock.nanoTime());
    this.lastWaitNanos = new AtomicLong(nextFree.get() - TimeUnit.DAYS.toNanos(1));
  }

  /** A limiter allowing {@code perSecond} starts a second. */
  public static RateLimiter perSecond(double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0: " + perSecond);
    }
    return new RateLimiter(Math.max(1, Math.round(1e9 / perSecond)), clock);
  }

  /** A run's own limiter with no configured rate, which a learned rate may move. */
  public static RateLimiter unlimited(Clock clock) {
    return new RateLimiter(0, clock);
  }

  /**
   * A new limiter with this one's configured spacing and clock and none of its history: a second
   * gate at the same rate (the write gate of {@code --rate}).
   */
  public RateLimiter freshCopy() {
    return new RateLimiter(configuredNanos, clock);
  }

  /** True when no rate was configured (a learned one may still apply). */
  public boolean isUnlimited() {
    return configuredNanos == 0;
  }

  /** The configured rate per second, or infinity when none was given. */
  public double configuredPerSecond() {
    return configuredNanos == 0 ? Double.POSITIVE_INFINITY : 1e9 / configuredNanos;
  }

  /** The spacing between starts now, in nanoseconds; 0 for none. */
  public long intervalNanos() {
    return intervalNanos.get();
  }

  /**
   * Moves the spacing to {@code perSecond} starts a second (infinity: no spacing), never faster
   * than the configured rate.
   */
  void setPerSecond(double perSecond) {
    if (this == UNLIMITED) {
      throw new IllegalStateException("the shared unlimited rate cannot be moved");
    }
    long nanos = Double.isInfinite(perSecond) ? 0 : Math.max(1, Math.round(1e9 / perSecond));
    intervalNanos.set(Math.max(configuredNanos, nanos));
  }

  /** True when a reservation had to wait at or after {@code sinceNanos}. */
  boolean waitedSince(long sinceNanos) {
    return lastWaitNanos.get() - sinceNanos >= 0;
  }

  /**
   * Waits for the next start slot and takes it: the workers' way. Unlike {@link #reserve}, no slot
   * is booked ahead: a worker waits until the next free slot, then takes it only if it is still
   * free, so a rate moved meanwhile applies at once to every waiting worker. Booked slots did not:
   * with eight workers each booked eight spacings ahead, and a raised rate showed only after the
   * booked slots were spent, by when it had been raised eight times over.
   *
   * @return false when the run was stopped meanwhile
   */
  public boolean acquire(RunControl control) throws InterruptedException {
    if (intervalNanos.get() == 0) {
      return !control.isStopping();
    }
    line.lockInterruptibly();
    try {
      return acquireInLine(control);
    } finally {
      line.unlock();
    }
  }

  /** {@link #acquire} for the worker at the head of the line. */
  private boolean acquireInLine(RunControl control) throws InterruptedException {
    boolean waited = false;
    while (true) {
      long interval = intervalNanos.get();
      if (interval == 0) {
        return !control.isStopping();
      }
      long now = clock.nanoTime();
      long slot = nextFree.get();
      if (slot - now > 0) {
        if (!clock.sleep(slot - now, control)) {
          return false;
        }
        waited = true;
      } else if (nextFree.compareAndSet(
          slot, (catchUp(waited, now, slot, interval) ? slot : now) + interval)) {
        if (waited) {
          lastWaitNanos.set(now);
        }
        return !control.isStopping();
      }
    }
  }

  /**
   * Whether the slot after one taken at {@code now} counts from that slot rather than from now.
   * Only under {@code --rate}, and only for a worker that waited for its slot and woke a little
   * late (the scheduler's latency, at most a quarter of the spacing): counting from each late
   * wake-up cut {@code --rate=2000/s} to ~1,600/s. There the write gate ({@link #freshCopy}) still
   * keeps every two requests a whole spacing apart. A learned rate has no write gate, so it always
   * counts from now: no two starts closer than its spacing, even after a late wake-up.
   */
  private boolean catchUp(boolean waited, long now, long slot, long interval) {
    return configuredNanos > 0 && waited && now - slot <= interval / 4;
  }

  /**
   * Reserves the next start slot.
   *
   * @return how long the caller must wait before starting, in nanoseconds (0 = start now)
   */
  public long reserve() {
    long interval = intervalNanos.get();
    if (interval == 0) {
      return 0;
    }
    while (true) {
      long now = clock.nanoTime();
      long slot = nextFree.get();
      long start = slot - now > 0 ? slot : now;
      if (nextFree.compareAndSet(slot, start + interval)) {
        if (start != now) {
          lastWaitNanos.set(start); // the start it held back: its answer then finds it recent
        }
        return start - now;
      }
    }
  }
}
