package io.batchsend.engine;

import com.netflix.concurrency.limits.limit.AbstractLimit;

/**
 * The pushback-driven in-flight limit of {@code --adaptive}: additive increase while responses are
 * healthy, multiplicative decrease on pushback (429, 503, timeouts, refused connections).
 *
 * <p>It starts in slow start (one more per healthy response, so a healthy server reaches {@code -c}
 * within a few round trips). After the first pushback it grows like TCP's congestion avoidance, but
 * slower: by one per eight round trips ({@code 1/(8·limit)} per response) and by at most one step a
 * second, so it probes past the level that was pushed back rarely, and each probe costs one refused
 * request. On pushback it keeps {@link #BACKOFF} of the limit ({@link #BACKOFF_RETRY_AFTER} when
 * the server said Retry-After, an explicit "stop"), at most once per round trip: a pushback for a
 * request sent before the last decrease says nothing new.
 *
 * <p>Why not the library's {@code AIMDLimit}: in 0.5.4 it adds one for every healthy response
 * forever, which against a server with four slots climbs back over the edge after one to three
 * responses, so about a quarter of all requests are refused. We keep the library's {@link
 * AbstractLimit} for the sampling contract and change notification.
 *
 * <p>Thread safety: the state is touched only in {@link #_update}, which {@link
 * AbstractLimit#onSample} calls under this object's monitor.
 */
final class AimdLimit extends AbstractLimit {
  /** The share of the limit kept on pushback. */
  static final double BACKOFF = 0.8;

  /** The share kept on a pushback that carried Retry-After: the server asked us to stop. */
  static final double BACKOFF_RETRY_AFTER = 0.5;

  /** Growth per round trip after the first pushback. */
  static final double GROWTH_PER_ROUND_TRIP = 1.0 / 8;

  /** After the first pushback, the limit rises by at most one step in this long. */
  static final long MIN_STEP_NANOS = 1_000_000_000L;

  private final int max;

  private double limit;
  private boolean slowStart = true;
  private boolean decreased;
  private long lastDecreaseNanos;
  private long lastStepNanos;
  private boolean strongNext;

  /**
   * @param initial the limit to start from
   * @param max the largest limit ({@code -c})
   */
  AimdLimit(int initial, int max) {
    super(initial);
    if (initial < 1 || initial > max) {
      throw new IllegalArgumentException("initial limit must be 1 to " + max + ": " + initial);
    }
    this.max = max;
    this.limit = initial;
  }

  /**
   * Makes the next drop a strong one: the server said Retry-After. The library's sample has no room
   * for that, so the caller says it just before the sample, under its own lock.
   */
  synchronized void nextDropIsStrong() {
    strongNext = true;
  }

  @Override
  protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
    long end = startTime + rtt;
    if (didDrop) {
      boolean strong = strongNext;
      strongNext = false;
      if (!decreased || startTime - lastDecreaseNanos > 0) {
        slowStart = false;
        decreased = true;
        limit = Math.max(1, limit * (strong ? BACKOFF_RETRY_AFTER : BACKOFF));
        lastDecreaseNanos = end;
        lastStepNanos = end;
      }
      return (int) limit;
    }
    if (inflight * 2 < (int) limit) {
      // Not using what we have: a full limit would say nothing about the server.
      return (int) limit;
    }
    double next = Math.min(max, slowStart ? limit + 1 : limit + GROWTH_PER_ROUND_TRIP / limit);
    if (!slowStart && (int) next > (int) limit) {
      if (end - lastStepNanos < MIN_STEP_NANOS) {
        return (int) limit;
      }
      lastStepNanos = end;
    }
    limit = next;
    return (int) limit;
  }

  @Override
  public String toString() {
    return "AimdLimit[limit=" + getLimit() + "]";
  }
}
