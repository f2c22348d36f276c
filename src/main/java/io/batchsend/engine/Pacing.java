package io.batchsend.engine;

import java.time.Duration;

/**
 * When the next request may start, as the server's pushback shapes it: the pool-wide pause ({@link
 * PoolPause}) and the start rate ({@link RateLimiter}, moved by {@link AdaptiveRate}). {@link
 * #admit} before each attempt, {@link #complete} after it, both outside the log lock.
 *
 * <p>Without {@code --adaptive} (issue 16) a 429 or 503 with Retry-After pauses every worker's next
 * start, not only the refused one's, and the pool resumes spaced at the rate served before the
 * pause. Before, each refused worker waited out its own Retry-After and then all came back at once:
 * against a limiter without burst 7 of 8 were refused again, the run fell to one request a second
 * and items failed.
 *
 * <p>Thread-safe: each part guards its own state.
 */
public final class Pacing {
  private final PoolPause pause;
  private final RateLimiter rate;
  private final AdaptiveRate learned;
  private final Clock clock;
  private final boolean learning;

  /** Recent starts, guarded by itself: how often requests went out before a rate was learned. */
  private final ServedRate starts = new ServedRate();

  private Pacing(
      PoolPause pause, RateLimiter rate, AdaptiveRate learned, Clock clock, boolean learning) {
    this.learning = learning;
    this.pause = pause;
    this.rate = rate;
    this.learned = learned;
    this.clock = clock;
  }

  /**
   * The pacing of a run without {@code --adaptive}: Retry-After pauses the pool, and {@code --rate}
   * gives way by a small step on each 429 or 503.
   *
   * @param rate the run's {@code --rate}, or {@link RateLimiter#UNLIMITED}
   * @param maxPause the cap on a pool-wide pause: {@code --retry-max-wait}
   */
  public static Pacing fixed(RateLimiter rate, Duration maxPause, Clock clock) {
    RateLimiter own = rate == RateLimiter.UNLIMITED ? RateLimiter.unlimited(clock) : rate;
    RateMode mode = own.isUnlimited() ? RateMode.RETRY_AFTER : RateMode.STEP;
    return new Pacing(
        new PoolPause(maxPause.toNanos(), clock, false),
        own,
        new AdaptiveRate(mode, own, clock),
        clock,
        false);
  }

  /** The pacing of {@code --adaptive}: bursts of pushback pause the pool too, a rate is learned. */
  static Pacing learning(RateLimiter rate, Duration maxPause, Clock clock) {
    RateLimiter own = rate == RateLimiter.UNLIMITED ? RateLimiter.unlimited(clock) : rate;
    return new Pacing(
        new PoolPause(maxPause.toNanos(), clock, true),
        own,
        new AdaptiveRate(RateMode.LEARN, own, clock),
        clock,
        true);
  }

  /**
   * Waits for the end of any pause and then a rate slot.
   *
   * @return false when the run was stopped meanwhile
   */
  public boolean admit(RunControl control) throws InterruptedException {
    // Ends when no pause began during the rate wait; each pass waits, so it never spins. The rate
    // slot is taken after the pause: one reserved before a long wait would be spent in a burst.
    while (true) {
      if (!pause.await(control) || !rate.acquire(control)) {
        return false;
      }
      if (!pause.isPaused()) {
        synchronized (starts) {
          starts.record(clock.nanoTime());
        }
        return true;
      }
    }
  }

  /**
   * Reports an attempt's answer.
   *
   * @param attempt what the attempt produced, or null when the sender failed unexpectedly
   * @param mayEngage under {@code --adaptive}, true when a pushback may start a learned rate (see
   *     {@link AdaptiveControl}); a Retry-After always starts one, the server's explicit "too
   *     often"
   * @return true when the answer was a 429 or 503 that the rate acts on: the caller need not act on
   *     it again
   */
  boolean complete(Attempt attempt, boolean mayEngage) {
    if (attempt == null) {
      return false;
    }
    long now = clock.nanoTime();
    long sent = now - attempt.nanos();
    int status = attempt.status();
    boolean throttled = attempt.hasStatus() && (status == 429 || status == 503);
    if (!throttled) {
      // Any other status got past the limiter: the rate was acceptable.
      pause.onServed(sent);
      learned.onAnswer(
          sent,
          attempt.hasStatus() ? AdaptiveRate.Answer.CLEAN : AdaptiveRate.Answer.NEUTRAL,
          false);
      return false;
    }
    boolean retryAfter = attempt.retryAfterMillis() >= 0;
    boolean engagedBefore = learned.isEngaged();
    // The pause first, so that no waiter can start in between.
    // Once a rate paces the starts, it answers refusals without Retry-After itself: a burst pause
    // on top would stop a pool that is already slowing down. Under --adaptive it answers a lone
    // Retry-After too (see PoolPause).
    if (pause.onPushback(now, sent, attempt.retryAfterMillis(), engagedBefore)) {
      learned.onPause();
    }
    int recentStarts;
    synchronized (starts) {
      recentStarts = starts.count(now);
    }
    learned.onAnswer(
        sent,
        retryAfter ? AdaptiveRate.Answer.PUSHBACK_RETRY_AFTER : AdaptiveRate.Answer.PUSHBACK,
        retryAfter || (learning && mayEngage),
        recentStarts);
    return engagedBefore;
  }

  /** Adaptive rate figures so far. */
  RateFigures figures() {
    return learned.figures();
  }

  boolean isPaused() {
    return pause.isPaused();
  }

  long pausedNanos() {
    return pause.pausedNanos();
  }

  LimitKind limitedBy() {
    return learned.limitedBy();
  }

  double perSecond() {
    return learned.perSecond();
  }
}
