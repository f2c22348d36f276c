package io.batchsend.engine;

import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Under {@code --adaptive} the spacing stretches on pushback ({@link #slowDown}) and shrinks
 * back toward the configured one while responses are healthy ({@link #recover}). The spacing is an
 * atomic read by every reservation; without those calls it never changes.
 */
public final class RateLimiter {
  /** No limit. */
  public static final RateLimiter UNLIMITED = new RateLimiter(0, Clock.SYSTEM);

  /** On pushback the spacing doubles, up to this many times the configured one. */
  static final long MAX_SLOWDOWN = 64;

  /** While healthy, the rate regains this share of the configured rate per second. */
  static final double RECOVERY_PER_SECOND = 0.1;

  private final long configuredNanos;
  private final AtomicLong intervalNanos;
  private final AtomicLong lastSlowDown;
  private final Clock clock;
  private final AtomicLong nextFree;

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
    this.lastSlowDown = new AtomicLong(nextFree.get());
  }

  /** A limiter allowing {@code perSecond} starts a second. */
  public static RateLimiter perSecond(double perSecond, Clock clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0: " + perSecond);
    }
    return new RateLimiter(Math.max(1, Math.round(1e9 / perSecond)), clock);
  }

  /**
   * A new limiter with this one's configured spacing and clock and none of its history: a second
   * gate at the same rate (the write gate of {@code --rate}).
   */
  public RateLimiter freshCopy() {
    return new RateLimiter(configuredNanos, clock);
  }

  public boolean isUnlimited() {
    return configuredNanos == 0;
  }

  /** The spacing between starts now, in nanoseconds. */
  public long intervalNanos() {
    return intervalNanos.get();
  }

  /**
   * Halves the rate after pushback to a request sent at {@code sentNanos}, at most once per round
   * trip: pushback to a request sent before the last slowdown says nothing new.
   */
  public void slowDown(long sentNanos) {
    if (configuredNanos == 0) {
      return;
    }
    long last = lastSlowDown.get();
    if (sentNanos - last < 0 || !lastSlowDown.compareAndSet(last, clock.nanoTime())) {
      return;
    }
    long cap = configuredNanos * MAX_SLOWDOWN;
    intervalNanos.updateAndGet(i -> Math.min(cap, i * 2));
  }

  /**
   * Moves the rate toward the configured one after a healthy response: each adds {@link
   * #RECOVERY_PER_SECOND} of the configured rate divided by the current rate, so the rate regains
   * that share per second.
   */
  public void recover() {
    if (configuredNanos == 0) {
      return;
    }
    intervalNanos.updateAndGet(
        i -> {
          if (i <= configuredNanos) {
            return configuredNanos;
          }
          double configured = 1e9 / configuredNanos;
          double now = 1e9 / i;
          double next = Math.min(configured, now + RECOVERY_PER_SECOND * configured / now);
          return Math.max(configuredNanos, Math.round(1e9 / next));
        });
  }

  /**
   * Reserves the next start slot.
   *
   * @return how long the caller must wait before starting, in nanoseconds (0 = start now)
   */
  public long reserve() {
    if (configuredNanos == 0) {
      return 0;
    }
    while (true) {
      long now = clock.nanoTime();
      long slot = nextFree.get();
      long start = Math.max(now, slot);
      if (nextFree.compareAndSet(slot, start + intervalNanos.get())) {
        return start - now;
      }
    }
  }
}
