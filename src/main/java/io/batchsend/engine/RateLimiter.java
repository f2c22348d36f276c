package io.batchsend.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A smooth limit on request starts shared by all workers ({@code --rate}): starts are spaced at
 * least {@code 1/rate} apart, so there is no burst at the start of a run or of any second. Each
 * caller reserves the next free slot with a compare-and-set and then waits for it outside any lock.
 */
public final class RateLimiter {
  /** No limit. */
  public static final RateLimiter UNLIMITED = new RateLimiter(0, Clock.SYSTEM);

  private final long intervalNanos;
  private final Clock clock;
  private final AtomicLong nextFree;

  /**
   * @param intervalNanos the spacing between starts; 0 for no limit
   */
  public RateLimiter(long intervalNanos, Clock clock) {
    if (intervalNanos < 0) {
      throw new IllegalArgumentException("interval must be >= 0: " + intervalNanos);
    }
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.nextFree = new AtomicLong(clock.nanoTime());
  }

  /** A limiter allowing {@code perSecond} starts a second. */
  public static RateLimiter perSecond(double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0: " + perSecond);
    }
    return new RateLimiter(Math.max(1, Math.round(1e9 / perSecond)), clock);
  }

  public boolean isUnlimited() {
    return intervalNanos == 0;
  }

  /**
   * Reserves the next start slot.
   *
   * @return how long the caller must wait before starting, in nanoseconds (0 = start now)
   */
  public long reserve() {
    if (intervalNanos == 0) {
      return 0;
    }
    while (true) {
      long now = clock.nanoTime();
      long slot = nextFree.get();
      long start = Math.max(now, slot);
      if (nextFree.compareAndSet(slot, start + intervalNanos)) {
        return start - now;
      }
    }
  }
}
