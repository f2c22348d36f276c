package io.batchsend.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool-wide pause: a Retry-After seen by one worker (and under {@code --adaptive} a burst of
 * 429/503 answers too) holds back every worker's next request start until that time (capped by
 * {@code --retry-max-wait}). Without it each worker would learn of the pushback only from its own
 * next refused request, and all would come back at once (see {@link Pacing}). Under {@code
 * --adaptive}, once a learned rate paces the starts, a lone Retry-After is left to that rate, and
 * only one that repeats pauses the pool (see {@link #onPushback}).
 *
 * <p>Concurrency contract: {@link #lock} guards the burst window, the lone refusal, the start of
 * the latest pause and the paused-time tally; {@link #pausedUntil} is volatile, written only under
 * the lock and read without it by every worker before each start and by a progress line; {@link
 * #hasLone} is volatile too, written under the lock and read without it by {@link #onServed}.
 */
final class PoolPause {
  private static final Logger LOG = LoggerFactory.getLogger(PoolPause.class);

  /** This many 429/503 answers within {@link #BURST_WINDOW_NANOS} pause the pool. */
  static final int BURST = 3;

  static final long BURST_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How long a burst without Retry-After pauses the pool. */
  static final long BURST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Guards the burst window, {@link #pausedNanos} and writes of {@link #pausedUntil}. */
  private final ReentrantLock lock = new ReentrantLock();

  private final Clock clock;
  private final long maxPauseNanos;

  /**
   * True under {@code --adaptive}: a burst of 429/503 answers pauses the pool too, and a lone
   * Retry-After that a learned rate answers does not. False without it: every Retry-After pauses
   * the pool, and nothing else does.
   */
  private final boolean adaptive;

  /** The times of the latest 429/503 answers, a ring of {@link #BURST}. */
  private final long[] recent = new long[BURST];

  private int recentCount;
  private int recentNext;
  private long lastCountedNanos;
  private long pausedNanos;

  /**
   * The latest lone Retry-After refusal that did not pause the pool (answered at {@link
   * #loneNanos}, asking to wait until {@link #loneUntilNanos}), pending until a request sent after
   * it is served, refused or its wait is over; written under {@link #lock}, read without it by
   * {@link #onServed}.
   */
  private volatile boolean hasLone;

  private long loneNanos;
  private long loneUntilNanos;

  /** When the latest pause began; meaningful once {@link #paused} is true. */
  private long pauseBeganNanos;

  private boolean paused;

  /** No request starts before this {@link Clock#nanoTime()}. */
  private volatile long pausedUntil;

  /**
   * @param maxPauseNanos the cap on any one pause: {@code --retry-max-wait}
   * @param adaptive true under {@code --adaptive}: a burst of 429/503 answers without Retry-After
   *     pauses the pool too, and a lone Retry-After that a learned rate answers does not
   */
  PoolPause(long maxPauseNanos, Clock clock, boolean adaptive) {
    this.adaptive = adaptive;
    this.clock = clock;
    this.maxPauseNanos = Math.max(0, maxPauseNanos);
    this.pausedUntil = clock.nanoTime();
  }

  /**
   * Records a 429 or 503 answer received at {@code nowNanos}, and pauses the pool for its
   * Retry-After or when it completes a burst.
   *
   * <p>Answers to requests that were in flight together are one piece of news, which the in-flight
   * limit already acts on: an answer counts toward a burst only when its request was sent after the
   * previous counted answer arrived. A burst is then pushback that went on although the limit came
   * down. Likewise the refusal of a request sent before the latest pause began never starts or
   * lengthens a pause: it tells of the rate before that pause.
   *
   * <p>Under {@code --adaptive}, once a learned rate paces the starts, a Retry-After refusal is
   * first answered by that rate alone: it is cut, the refused item waits out its Retry-After, and
   * the other workers go on at the cut rate. Only when a request sent after that refusal arrived is
   * refused again within its Retry-After, with none served in between ({@link #onServed}), does the
   * pool pause. Against nginx's {@code limit_req} (whose {@code Retry-After: 1} is fixed) one
   * request that arrived a few milliseconds early paused every worker for a second: 5 s of a 19 s
   * run in five refusals; a server whose quota is spent refuses the next request too, and gets its
   * pause.
   *
   * @param sentNanos when the refused request was sent
   * @param retryAfterMillis the answer's Retry-After, or -1
   * @param rateAnswers true when a learned rate paces the starts and answers refusals itself: a
   *     burst without Retry-After then does not pause the pool, nor (under {@code --adaptive}) a
   *     lone Retry-After
   * @return true when this answer began a pause or made one longer
   */
  boolean onPushback(long nowNanos, long sentNanos, long retryAfterMillis, boolean rateAnswers) {
    long wait = 0;
    if (retryAfterMillis >= 0) {
      long capMillis = TimeUnit.NANOSECONDS.toMillis(maxPauseNanos);
      wait = TimeUnit.MILLISECONDS.toNanos(Math.min(retryAfterMillis, capMillis));
    }
    lock.lock();
    try {
      if (paused && sentNanos - pauseBeganNanos < 0) {
        return false; // in flight when the latest pause began: part of the news that began it
      }
      if (adaptive && rateAnswers && retryAfterMillis >= 0) {
        return onRetryAfterTheRateAnswers(nowNanos, sentNanos, wait);
      }
      boolean news = recentCount == 0 || sentNanos - lastCountedNanos > 0;
      if (!news || !adaptive || rateAnswers) {
        return wait > 0 && extend(nowNanos, nowNanos + wait);
      }
      lastCountedNanos = nowNanos;
      recent[recentNext] = nowNanos;
      recentNext = (recentNext + 1) % BURST;
      recentCount = Math.min(BURST, recentCount + 1);
      // The ring is full: the slot written next holds the oldest of the last BURST answers.
      long oldest = recent[recentNext];
      if (recentCount == BURST && nowNanos - oldest < BURST_WINDOW_NANOS) {
        wait = Math.max(wait, Math.min(BURST_PAUSE_NANOS, maxPauseNanos));
        // A burst is counted once: the next one needs BURST new answers.
        recentCount = 0;
      }
      return wait > 0 && extend(nowNanos, nowNanos + wait);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A Retry-After refusal while a learned rate paces the starts: a pause only when it repeats a
   * lone one within that one's wait. Requires {@link #lock}.
   */
  private boolean onRetryAfterTheRateAnswers(long nowNanos, long sentNanos, long wait) {
    if (hasLone && sentNanos - loneNanos <= 0) {
      return false; // in flight when the lone refusal came: sent at the rate before its cut
    }
    if (hasLone && nowNanos - loneUntilNanos < 0) {
      hasLone = false;
      return wait > 0 && extend(nowNanos, nowNanos + wait);
    }
    hasLone = true;
    loneNanos = nowNanos;
    loneUntilNanos = nowNanos + wait;
    return false;
  }

  /**
   * Records a served answer to a request sent at {@code sentNanos}: sent after a lone Retry-After
   * refusal, it shows the server serves at the cut rate, so the next refusal is lone again. Only a
   * volatile read unless such a refusal is pending.
   */
  void onServed(long sentNanos) {
    if (!hasLone) {
      return;
    }
    lock.lock();
    try {
      if (hasLone && sentNanos - loneNanos > 0) {
        hasLone = false;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the pause's end to {@code until} unless it is already later; true when it moved. Requires
   * {@link #lock}.
   */
  private boolean extend(long now, long until) {
    long current = pausedUntil;
    if (until - current <= 0) {
      return false;
    }
    if (current - now <= 0) {
      paused = true;
      pauseBeganNanos = now;
    }
    pausedNanos += until - (current - now > 0 ? current : now);
    pausedUntil = until;
    LOG.debug("pausing every request start for {} ms", TimeUnit.NANOSECONDS.toMillis(until - now));
    return true;
  }

  /** True while request starts are held back; lock-free. */
  boolean isPaused() {
    return remainingNanos() > 0;
  }

  /** How long the pause still lasts; 0 when there is none. Lock-free. */
  long remainingNanos() {
    return Math.max(0, pausedUntil - clock.nanoTime());
  }

  /**
   * Waits until no pause is in force, or the run stops.
   *
   * @return false when the run was stopped
   */
  boolean await(RunControl control) throws InterruptedException {
    // Ends: each pass waits out the pause as it stands, and a pause is capped.
    long remaining;
    while ((remaining = remainingNanos()) > 0) {
      if (!clock.sleep(remaining, control)) {
        return false;
      }
    }
    return !control.isStopping();
  }

  /** The time the pool has been paused so far (not counting what is still ahead). */
  long pausedNanos() {
    lock.lock();
    try {
      return pausedNanos - remainingNanos();
    } finally {
      lock.unlock();
    }
  }
}
