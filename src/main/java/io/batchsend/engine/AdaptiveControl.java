package io.batchsend.engine;

import io.batchsend.config.AdaptiveMode;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --adaptive} as the workers see it: {@link #admit} before each attempt (the in-flight gate,
 * then the pool-wide pause, then the rate), {@link #complete} after it, both outside the log lock.
 *
 * <p>Two limits compose, both apply: the in-flight limit ({@link AdaptiveLimit}) for a server that
 * refuses when too many requests are in flight, and a learned start rate ({@link AdaptiveRate},
 * inside {@link Pacing}) for a server that refuses when requests come too often. Fewer requests in
 * flight do not lower the rate at which a fast server is asked, so a 429 or 503 answered while at
 * most {@link #RATE_EVIDENCE_IN_FLIGHT} were in flight says the limit is a rate: it starts the
 * learned rate. From then on such answers move the rate and no longer the in-flight limit, which
 * before shrank to 1 against nginx's {@code limit_req} while the refusals went on (issue 16). A
 * server with room for two or more never refuses that few, so its limit stays a concurrency.
 *
 * <p>The gate is taken first and the rate slot last, so that starts stay evenly spaced when a pause
 * or the gate opens: a rate slot reserved before a long wait would be spent in a burst.
 *
 * <p>Thread-safe: each part guards its own state (see {@link AdaptiveLimit}, {@link Pacing}); the
 * counters are adders.
 */
public final class AdaptiveControl implements AdaptiveStatus {
  /** A refusal with this few in flight cannot be a concurrency limit of two or more. */
  static final int RATE_EVIDENCE_IN_FLIGHT = 2;

  private final AdaptiveLimit limit;
  private final Pacing pacing;
  private final Clock clock;
  private final LongAdder tooManyRequests = new LongAdder();
  private final LongAdder unavailable = new LongAdder();

  /**
   * @param concurrency {@code -c}: the largest limit
   * @param maxPause the cap on a pool-wide pause: {@code --retry-max-wait}
   * @param rate the run's {@code --rate} (the ceiling of the learned rate), or {@link
   *     RateLimiter#UNLIMITED}
   */
  public AdaptiveControl(
      AdaptiveMode mode, int concurrency, Duration maxPause, RateLimiter rate, Clock clock) {
    this.limit = new AdaptiveLimit(mode, concurrency, clock);
    this.pacing = Pacing.learning(rate, maxPause, clock);
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
      admitted = pacing.admit(control);
      return admitted;
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
    // Before the slot is freed, so that no waiter can start in between.
    boolean rateActs = pacing.complete(attempt, limit.inFlight() <= RATE_EVIDENCE_IN_FLIGHT);
    if (throttled && rateActs) {
      limit.release(); // the learned rate answers it; the in-flight limit is not the cause
      return;
    }
    limit.release(sent, attempt.nanos(), drop, retryAfter);
  }

  @Override
  public int currentLimit() {
    return limit.currentLimit();
  }

  @Override
  public boolean isPaused() {
    return pacing.isPaused();
  }

  @Override
  public LimitKind limitedBy() {
    return pacing.limitedBy();
  }

  @Override
  public double ratePerSecond() {
    return pacing.perSecond();
  }

  /** The run's figures so far; complete once the pool has terminated. */
  public AdaptiveFigures figures() {
    return new AdaptiveFigures(
        limit.minLimit(),
        limit.meanLimit(),
        limit.maxLimit(),
        pacing.pausedNanos(),
        tooManyRequests.sum(),
        unavailable.sum(),
        pacing.figures());
  }
}
