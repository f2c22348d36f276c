package io.batchsend.engine;

/**
 * The rate at which a server served requests lately: served answers within the last {@link
 * #WINDOW_NANOS}, as (n - 1) over the time from the first to the last, so the figure is the spacing
 * the server accepted and not diluted by time before the first. Not thread-safe: its owner ({@link
 * AdaptiveRate}) guards it.
 */
final class ServedRate {
  static final long WINDOW_NANOS = 1_000_000_000L;

  /** Fewer answers, or a shorter span, say nothing about a rate. */
  static final int MIN_ANSWERS = 3;

  static final long MIN_SPAN_NANOS = 200_000_000L;

  private final long[] times = new long[256];
  private int first;
  private int count;

  /** Records a served answer at {@code nowNanos}. */
  void record(long nowNanos) {
    if (count == times.length) {
      first = (first + 1) % times.length;
      count--;
    }
    times[(first + count) % times.length] = nowNanos;
    count++;
  }

  /** Forgets every answer: after a pause, the time before it says nothing about the rate. */
  void clear() {
    count = 0;
  }

  /** Served answers per second lately, or NaN when too few to tell. */
  double perSecond(long nowNanos) {
    while (count > 0 && nowNanos - times[first] > WINDOW_NANOS) {
      first = (first + 1) % times.length;
      count--;
    }
    if (count < MIN_ANSWERS) {
      return Double.NaN;
    }
    long span = times[(first + count - 1) % times.length] - times[first];
    return span < MIN_SPAN_NANOS ? Double.NaN : (count - 1) * 1e9 / span;
  }

  /** Served answers within the window, whatever their span. */
  int count(long nowNanos) {
    perSecond(nowNanos);
    return count;
  }
}
