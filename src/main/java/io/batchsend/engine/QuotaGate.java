package io.batchsend.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces request starts by what the server says of its rate limit ({@link ServerQuota}), in every
 * mode: once a response says no request is left in the window, no worker starts a request before
 * the window resets. The wait is capped by {@code --retry-max-wait}, as a Retry-After is, so a
 * server that lies about its reset cannot stall the run for longer.
 *
 * <p>The gate only ever closes later, never earlier: responses to requests that were in flight
 * together arrive in any order, and one saying "90 left" after one saying "0 left" is older news,
 * not a reset.
 *
 * <p>Concurrency contract: {@link #closedUntil} is the only state; it is moved forward with a
 * compare-and-set by the worker that read the response and read without a lock by every worker
 * before each start.
 */
public final class QuotaGate {
  private static final Logger LOG = LoggerFactory.getLogger(QuotaGate.class);

  private final Clock clock;
  private final long maxWaitNanos;

  /** No request starts before this {@link Clock#nanoTime()}; in the past while open. */
  private final AtomicLong closedUntil;

  /**
   * @param maxWait the cap on any one closing: {@code --retry-max-wait}; zero never closes it
   */
  public QuotaGate(Duration maxWait, Clock clock) {
    this.clock = clock;
    this.maxWaitNanos = Math.max(0, maxWait.toNanos());
    this.closedUntil = new AtomicLong(clock.nanoTime());
  }

  /**
   * Reads what {@code attempt}'s response said of the quota, closing the gate when it is used up.
   * Call it before the attempt's slot is given to another worker, so nobody starts in between.
   *
   * @return {@code attempt}, for chaining
   */
  public Attempt observe(Attempt attempt) {
    if (attempt == null || attempt.quota() == null || maxWaitNanos == 0) {
      return attempt;
    }
    ServerQuota quota = attempt.quota();
    long wait = quota.waitMillis();
    if (!quota.exhausted() || wait <= 0) {
      return attempt;
    }
    long now = clock.nanoTime();
    // TimeUnit saturates, so a huge reset becomes the cap, never an overflow.
    long until = now + Math.min(maxWaitNanos, TimeUnit.MILLISECONDS.toNanos(wait));
    long current;
    do {
      current = closedUntil.get();
      if (until - current <= 0) {
        return attempt; // already closed at least that long
      }
    } while (!closedUntil.compareAndSet(current, until));
    if (current - now <= 0 && LOG.isDebugEnabled()) {
      long millis = TimeUnit.NANOSECONDS.toMillis(until - now);
      LOG.debug(
          "server quota used up ({} says 0 left, {} {} ms{}): no request starts until {}",
          quota.source().header(),
          quota.resetMillis() == ServerQuota.UNKNOWN ? "window" : "reset in",
          wait,
          until - now == maxWaitNanos ? ", capped by --retry-max-wait" : "",
          Instant.ofEpochMilli(clock.epochMillis() + millis));
    }
    return attempt;
  }

  /** How long the gate stays closed; 0 when open. Lock-free. */
  public long remainingNanos() {
    return Math.max(0, closedUntil.get() - clock.nanoTime());
  }

  /**
   * Waits until the gate is open, or the run stops. Lock-free and allocation-free while open.
   *
   * @return false when the run was stopped
   */
  public boolean await(RunControl control) throws InterruptedException {
    // Ends: each pass waits out the closing as it stands, and a closing is capped.
    long remaining;
    while ((remaining = remainingNanos()) > 0) {
      if (!clock.sleep(remaining, control)) {
        return false;
      }
    }
    return !control.isStopping();
  }
}
