package io.batchsend.report;

/**
 * One time slot of the run's latency chart.
 *
 * @param startSeconds the slot's start, in seconds since the first item started
 * @param count the items that finished in the slot
 * @param p50Ms their median latency, in milliseconds
 * @param p99Ms their 99th percentile latency, in milliseconds
 */
public record TimelinePoint(double startSeconds, long count, double p50Ms, double p99Ms) {
  public TimelinePoint {
    if (count < 1 || startSeconds < 0) {
      throw new IllegalArgumentException("a point has items and a start >= 0");
    }
  }
}
