package io.batchsend.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Latency over the time of the run, for the HTML chart: for each time slot, a coarse histogram of
 * the latencies of the items that finished in it.
 *
 * <p>Memory is bounded: at most {@link #MAX_SLOTS} slots of one second each; a longer run doubles
 * the slot width (merging neighbours) as often as needed. Each slot is a fixed array of log-linear
 * buckets (8 per power of two, so a percentile is within about 6 % of the true value), allocated
 * only when an item finishes in it. Not thread-safe: fed under the pool's log lock.
 */
final class LatencyTimeline {
  /** The most slots kept: an hour of one-second slots, coarser beyond. */
  static final int MAX_SLOTS = 3600;

  /** Values below this many microseconds get a bucket each; above, 8 buckets per octave. */
  private static final int LINEAR = 16;

  private static final int SUB_BUCKETS = 8;

  /** Longer latencies share the last bucket: more than an hour, past any sensible timeout. */
  private static final long MAX_MICROS = (1L << 32) - 1;

  private static final int BUCKETS = LINEAR + (31 - 4 + 1) * SUB_BUCKETS;

  private final int maxSlots;
  private final int[][] slots;
  private long slotMillis = 1000;
  private long originMillis = Long.MIN_VALUE;
  private int used;

  LatencyTimeline() {
    this(MAX_SLOTS);
  }

  LatencyTimeline(int maxSlots) {
    if (maxSlots < 2) {
      throw new IllegalArgumentException("maxSlots must be >= 2: " + maxSlots);
    }
    this.maxSlots = maxSlots;
    this.slots = new int[maxSlots][];
  }

  /**
   * Records an item that finished at {@code finishedEpochMillis} after {@code micros}. The first
   * item sets the origin: when it started, which is as close to the run's start as the results
   * tell.
   */
  void record(long finishedEpochMillis, long micros) {
    if (originMillis == Long.MIN_VALUE) {
      originMillis = finishedEpochMillis - micros / 1000;
    }
    long offset = Math.max(0, finishedEpochMillis - originMillis);
    while (offset / slotMillis >= maxSlots) {
      coarsen();
    }
    int slot = (int) (offset / slotMillis);
    if (slots[slot] == null) {
      slots[slot] = new int[BUCKETS];
    }
    slots[slot][bucketOf(micros)]++;
    used = Math.max(used, slot + 1);
  }

  /** Doubles the slot width, merging each pair of neighbouring slots. */
  private void coarsen() {
    for (int i = 0; i < maxSlots; i++) {
      int[] a = i * 2 < maxSlots ? slots[i * 2] : null;
      int[] b = i * 2 + 1 < maxSlots ? slots[i * 2 + 1] : null;
      if (a != null && b != null) {
        for (int k = 0; k < BUCKETS; k++) {
          a[k] += b[k];
        }
      }
      slots[i] = a != null ? a : b;
    }
    slotMillis *= 2;
    used = (used + 1) / 2;
  }

  /** The width of a slot in seconds. */
  double slotSeconds() {
    return slotMillis / 1000.0;
  }

  /** The slots in which items finished, in time order. */
  List<TimelinePoint> points() {
    List<TimelinePoint> points = new ArrayList<>();
    for (int i = 0; i < used; i++) {
      int[] counts = slots[i];
      if (counts == null) {
        continue;
      }
      long n = 0;
      for (int c : counts) {
        n += c;
      }
      points.add(
          new TimelinePoint(
              i * slotSeconds(), n, percentileMs(counts, n, 50), percentileMs(counts, n, 99)));
    }
    return points;
  }

  /** The middle of the bucket holding the value at {@code percentile}, in milliseconds. */
  private static double percentileMs(int[] counts, long n, double percentile) {
    long rank = Math.max(1, (long) Math.ceil(percentile / 100 * n));
    long seen = 0;
    for (int b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen >= rank) {
        return (lowerBound(b) + width(b) / 2.0) / 1000.0;
      }
    }
    throw new IllegalStateException("rank past the count");
  }

  static int bucketOf(long micros) {
    long v = Math.min(MAX_MICROS, Math.max(0, micros));
    if (v < LINEAR) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) (v >>> (exp - 3)) & (SUB_BUCKETS - 1);
    return LINEAR + (exp - 4) * SUB_BUCKETS + sub;
  }

  static long lowerBound(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int exp = 4 + (bucket - LINEAR) / SUB_BUCKETS;
    int sub = (bucket - LINEAR) % SUB_BUCKETS;
    return (long) (SUB_BUCKETS + sub) << (exp - 3);
  }

  static long width(int bucket) {
    return bucket < LINEAR ? 1 : 1L << (4 + (bucket - LINEAR) / SUB_BUCKETS - 3);
  }
}
