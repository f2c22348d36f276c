package io.batchsend.report;

import io.batchsend.engine.ItemResult;
import java.util.Arrays;
import java.util.List;

/**
 * The time in which logged items were being processed, for the throughput that {@code batchsend
 * report} computes from logs: from the first item's start to the last one's finish, less the idle
 * stretches, in which no item was in flight for longer than {@link #idleAfterNanos}.
 *
 * <p>Logs merged by {@code report} may be re-runs hours apart, or one run that waited on its input;
 * counting those stretches made "21.44 s, 1.9 req/s" of 40 items sent in a few seconds. Short
 * pauses with nothing in flight are the run's own pace, though: with {@code --rate 1/s} and 50 ms
 * responses nothing is in flight 95 % of the time, and that run did send one request a second. So a
 * pause counts as idle only when it is longer than both {@value #MIN_IDLE_MILLIS} ms and {@value
 * #PACE_FACTOR} times the median time between two items' starts.
 *
 * <p>An item's span is its final attempt, as the log records it ({@code ts} less {@code ms});
 * retries and their backoff before it are not in the log.
 */
public final class ActiveTime {
  /** No pause shorter than this is idle: about the slot of the latency chart. */
  static final long MIN_IDLE_MILLIS = 1000;

  /** A pause is idle past this many times the usual time between starts. */
  static final int PACE_FACTOR = 10;

  private ActiveTime() {}

  /** The active time of {@code results}, in nanoseconds; 0 for none. */
  public static long nanos(List<ItemResult> results) {
    int n = results.size();
    if (n == 0) {
      return 0;
    }
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      ItemResult r = results.get(i);
      ends[i] = r.finishedEpochMillis() * 1_000_000;
      starts[i] = ends[i] - r.nanos();
    }
    Arrays.sort(starts);
    Arrays.sort(ends);
    long idleAfter = idleAfterNanos(starts);
    // Sweep the starts and ends in time order. Sorting them apart is enough: at any time the number
    // in flight is the starts so far less the ends so far, whichever item each belongs to.
    long idle = 0;
    long quietSince = 0;
    int inFlight = 0;
    for (int i = 0, j = 0; j < n; ) {
      if (i < n && starts[i] <= ends[j]) {
        if (inFlight == 0 && i > 0 && starts[i] - quietSince > idleAfter) {
          idle += starts[i] - quietSince;
        }
        inFlight++;
        i++;
      } else {
        inFlight--;
        quietSince = ends[j];
        j++;
      }
    }
    return ends[n - 1] - starts[0] - idle;
  }

  /** The longest pause that is still the run's pace, from the sorted {@code starts}. */
  static long idleAfterNanos(long[] starts) {
    long min = MIN_IDLE_MILLIS * 1_000_000;
    if (starts.length < 2) {
      return min;
    }
    long[] between = new long[starts.length - 1];
    for (int i = 1; i < starts.length; i++) {
      between[i - 1] = starts[i] - starts[i - 1];
    }
    Arrays.sort(between);
    return Math.max(min, PACE_FACTOR * between[between.length / 2]);
  }
}
