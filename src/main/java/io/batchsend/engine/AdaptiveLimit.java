package io.batchsend.engine;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import io.batchsend.config.AdaptiveMode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-flight gate of {@code --adaptive}: at most {@link #currentLimit()} attempts run at once,
 * and the limit moves between 1 and {@code -c} with the outcome of each attempt.
 *
 * <p>With {@link AdaptiveMode#ERRORS} the limit is an {@link AimdLimit}. With {@link
 * AdaptiveMode#LATENCY} it is the lower of that and the library's {@link Gradient2Limit}, fed one
 * averaged sample per window of at least 100 ms ({@link WindowedLimit}) so that one slow response
 * moves nothing: the gradient of the long-run RTT over the window's RTT shrinks the limit when
 * responses queue up, and it grows by about one per window while they do not. The AIMD part keeps
 * the backoff on 429 and 503, which the gradient ignores.
 *
 * <p>Concurrency contract: {@link #lock} guards the count in flight, the algorithms' inputs and the
 * statistics; it is held only for those few assignments, never while waiting for the network, and
 * never together with the log lock. {@link #currentLimit()} is volatile so that a progress line may
 * read it without the lock.
 */
final class AdaptiveLimit {
  private static final Logger LOG = LoggerFactory.getLogger(AdaptiveLimit.class);

  /** Waiters look at the run's stop state this often. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The limit a run starts from: low, so that the first round trips cannot flood a server. */
  static final int INITIAL_LIMIT = 4;

  /** Guards {@link #inFlight}, the algorithms and the statistics below. */
  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled when a slot frees or the limit grows. */
  private final Condition slotFree = lock.newCondition();

  private final AimdLimit errors;
  private final Limit latency;
  private final int max;
  private final Clock clock;

  private volatile int limit;
  private int inFlight;
  private int minSeen;
  private int maxSeen;
  private final long startNanos;
  private long changedNanos;
  private double limitNanos;

  /**
   * @param mode what moves the limit
   * @param max the largest limit: {@code -c}
   */
  AdaptiveLimit(AdaptiveMode mode, int max, Clock clock) {
    int initial = Math.min(INITIAL_LIMIT, max);
    this.max = max;
    this.clock = clock;
    this.errors = new AimdLimit(initial, max);
    this.latency = mode == AdaptiveMode.LATENCY ? gradient(initial, max) : null;
    this.limit = initial;
    this.minSeen = initial;
    this.maxSeen = initial;
    this.startNanos = clock.nanoTime();
    this.changedNanos = startNanos;
  }

  private static Limit gradient(int initial, int max) {
    Gradient2Limit gradient =
        Gradient2Limit.newBuilder()
            .initialLimit(initial)
            .minLimit(1)
            .maxConcurrency(max)
            // No tolerance: a window whose RTT is above the long-run RTT shrinks the limit.
            .rttTolerance(1.0)
            // The room to grow per window; the limit settles about twice this above the knee.
            .queueSizeFunction(limit -> Math.max(1, (int) Math.log10(limit)))
            .build();
    return WindowedLimit.newBuilder()
        .minWindowTime(100, TimeUnit.MILLISECONDS)
        .maxWindowTime(500, TimeUnit.MILLISECONDS)
        .windowSize(10)
        .build(gradient);
  }

  /** The limit now; lock-free. */
  int currentLimit() {
    return limit;
  }

  /**
   * Takes a slot, waiting while {@code limit} attempts are in flight.
   *
   * @return false, without a slot, when the run was stopped while waiting
   */
  boolean acquire(RunControl control) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (inFlight >= limit) {
        if (control.isStopping()) {
          return false;
        }
        // Polls so that a stop is seen even when no slot frees.
        slotFree.awaitNanos(POLL_NANOS);
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** How many attempts are in flight now. */
  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Gives back a slot whose attempt was never made, or says nothing about the server. */
  void release() {
    lock.lock();
    try {
      inFlight--;
      slotFree.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Gives back a slot and reports its attempt to the algorithms.
   *
   * @param startNanos when the attempt started
   * @param rttNanos how long it took
   * @param drop true when the server pushed back
   * @param retryAfter true when the pushback carried Retry-After
   */
  void release(long startNanos, long rttNanos, boolean drop, boolean retryAfter) {
    lock.lock();
    try {
      int inFlightBefore = inFlight;
      inFlight--;
      if (drop && retryAfter) {
        errors.nextDropIsStrong();
      }
      errors.onSample(startNanos, rttNanos, inFlightBefore, drop);
      int next = errors.getLimit();
      if (latency != null) {
        if (!drop) {
          // A refused request's quick answer is no measure of the server's queue.
          latency.onSample(startNanos, rttNanos, inFlightBefore, false);
        }
        next = Math.min(next, latency.getLimit());
      }
      next = Math.max(1, Math.min(max, next));
      if (next != limit) {
        change(next, drop);
      }
      if (inFlight < limit) {
        slotFree.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Moves the limit. Requires {@link #lock}. */
  private void change(int next, boolean drop) {
    long now = clock.nanoTime();
    limitNanos += (double) limit * (now - changedNanos);
    changedNanos = now;
    LOG.debug(
        "in-flight limit {} -> {} ({})", limit, next, drop ? "pushback" : "healthy responses");
    limit = next;
    minSeen = Math.min(minSeen, next);
    maxSeen = Math.max(maxSeen, next);
  }

  /** The lowest limit so far. */
  int minLimit() {
    lock.lock();
    try {
      return minSeen;
    } finally {
      lock.unlock();
    }
  }

  /** The highest limit so far. */
  int maxLimit() {
    lock.lock();
    try {
      return maxSeen;
    } finally {
      lock.unlock();
    }
  }

  /** The limit's mean over time since the gate was made. */
  double meanLimit() {
    lock.lock();
    try {
      long now = clock.nanoTime();
      double total = limitNanos + (double) limit * (now - changedNanos);
      long span = now - startNanos;
      return span <= 0 ? limit : total / span;
    } finally {
      lock.unlock();
    }
  }
}
