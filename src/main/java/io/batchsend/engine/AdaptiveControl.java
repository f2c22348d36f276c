package io.batchsend.engine;

import io.batchsend.config.AdaptiveMode;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --adaptive} as the workers see it: {@link #admit} before each attempt (the in-flight gate,
 * then the pool-wide pause, then the rate), {@link #complete} after it, both outside the log lock.
 *
 * <p>The gate is taken first and the rate slot last, so that starts stay evenly spaced when a pause
 * or the gate opens: a rate slot reserved before a long wait would be spent in a burst.
 *
 * <p>Thread-safe: each part guards its own state (see {@link AdaptiveLimit}, {@link PoolPause},
 * {@link RateLimiter}); the counters are adders.
 */
public final class AdaptiveControl implements AdaptiveStatus {
  private final AdaptiveLimit limit;
  private final PoolPause pause;
  private final RateLimiter rate;
  private final Clock clock;
  private final LongAdder tooManyRequests = new LongAdder();
  private final LongAdder unavailable = new LongAdder();

  /**
   * @param concurrency {@code -c}: the largest limit
   * @param maxPause the cap on a pool-wide pause: {@code --retry-max-wait}
   * @param rate the run's rate limiter, slowed on pushback when {@code --rate} is given
   */
  public AdaptiveControl(
      AdaptiveMode mode, int concurrency, Duration maxPause, RateLimiter rate, Clock clock) {
    this.limit = new AdaptiveLimit(mode, concurrency, clock);
    this.pause = new PoolPause(maxPause.toNanos(), clock);
    this.rate = rate;
    this.clock = clock;
  }

  /**
   * Waits for a slot in the gate, the end of any pause and a rate slot, in that order.
   *
   * @return true when the attempt may start now (the caller then owes a {@link #complete}); false,
   *     holding nothing, when the run was stopped meanwhile
   */
  public boolean admit(RunControl control) throws InterruptedException {
    if (!limit.acquire(control)) {
      return false;
    }
    boolean admitted = false;
    try {
      // Ends when no pause began during the rate wait; each pass waits, so it never spins.
      while (!admitted) {
        if (!pause.await(control) || !clock.sleep(rate.reserve(), control)) {
          return false;
        }
        admitted = !pause.isPaused();
      }
      return true;
    } finally {
      if (!admitted) {
        limit.release();
      }
    }
  }

  /**
   * Reports an admitted attempt's outcome and frees its slot.
   *
   * @param attempt what the attempt produced, or null when the sender failed unexpectedly
   */
  public void complete(Attempt attempt) {
    if (attempt == null) {
      limit.release();
      return;
    }
    long now = clock.nanoTime();
    long sent = now - attempt.nanos();
    int status = attempt.status();
    boolean throttled = status == 429 || status == 503;
    if (status == 429) {
      tooManyRequests.increment();
    } else if (status == 503) {
      unavailable.increment();
    }
    Failure failure = attempt.failure();
    if (!attempt.hasStatus() && failure != null && failure.kind().isUnmeasured()) {
      limit.release();
      return;
    }
    boolean drop =
        throttled || (!attempt.hasStatus() && failure != null && failure.kind().isPushback());
    boolean retryAfter = throttled && attempt.retryAfterMillis() >= 0;
    if (throttled) {
      // Before the slot is freed, so that no waiter can start in between.
      pause.onPushback(now, sent, attempt.retryAfterMillis());
    }
    limit.release(sent, attempt.nanos(), drop, retryAfter);
    if (drop) {
      rate.slowDown(sent);
    } else {
      rate.recover();
    }
  }

  @Override
  public int currentLimit() {
    return limit.currentLimit();
  }

  @Override
  public boolean isPaused() {
    return pause.isPaused();
  }

  /** The run's figures so far; complete once the pool has terminated. */
  public AdaptiveFigures figures() {
    return new AdaptiveFigures(
        limit.minLimit(),
        limit.meanLimit(),
        limit.maxLimit(),
        pause.pausedNanos(),
        tooManyRequests.sum(),
        unavailable.sum());
  }
}
