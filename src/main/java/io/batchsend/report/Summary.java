package io.batchsend.report;

import io.batchsend.engine.AdaptiveFigures;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a finished run. {@code total = ok + failed + skipped + notSent}.
 *
 * @param ok items that succeeded
 * @param failed items whose final outcome is a failure
 * @param skipped items skipped (already done in an earlier run)
 * @param notSent items read but never started, because the run was stopped
 * @param wallNanos the run's wall time
 * @param statuses final statuses and how many items ended with each
 * @param errors error kinds and how many items ended with each
 * @param latency the final attempts' latency
 * @param adaptive what {@code --adaptive} did, or null without it
 * @param unwritten records the request log could not take, or null when it took every one
 */
public record Summary(
    long ok,
    long failed,
    long skipped,
    long notSent,
    long wallNanos,
    Map<Integer, Long> statuses,
    Map<String, Long> errors,
    Latency latency,
    AdaptiveFigures adaptive,
    Unwritten unwritten) {

  /**
   * Records of this run that are not in the request log because it stopped taking writes, and where
   * they are instead. They are counted in {@code ok} and {@code failed} like every other.
   *
   * @param count how many
   * @param place the file that holds them, or {@code stderr}
   */
  public record Unwritten(long count, String place) {
    public Unwritten {
      if (count < 1 || place == null || place.isEmpty()) {
        throw new IllegalArgumentException("unwritten records need a count >= 1 and a place");
      }
    }
  }

  /** The figures of a run without {@code --adaptive}. */
  public Summary(
      long ok,
      long failed,
      long skipped,
      long notSent,
      long wallNanos,
      Map<Integer, Long> statuses,
      Map<String, Long> errors,
      Latency latency) {
    this(ok, failed, skipped, notSent, wallNanos, statuses, errors, latency, null, null);
  }

  /** These figures with what {@code --adaptive} did. */
  public Summary withAdaptive(AdaptiveFigures figures) {
    return new Summary(
        ok, failed, skipped, notSent, wallNanos, statuses, errors, latency, figures, unwritten);
  }

  /** These figures with the records the log could not take. */
  public Summary withUnwritten(Unwritten records) {
    return new Summary(
        ok, failed, skipped, notSent, wallNanos, statuses, errors, latency, adaptive, records);
  }

  public Summary {
    if (ok < 0 || failed < 0 || skipped < 0 || notSent < 0 || wallNanos < 0) {
      throw new IllegalArgumentException("counts and wall time must not be negative");
    }
    if (unwritten != null && unwritten.count() > ok + failed) {
      throw new IllegalArgumentException(
          "unwritten records (" + unwritten.count() + ") are more than the items sent");
    }
    // Sorted, so that every report lists statuses and error kinds in the same order.
    statuses = Collections.unmodifiableMap(new TreeMap<>(statuses));
    errors = Collections.unmodifiableMap(new TreeMap<>(errors));
  }

  public long total() {
    return ok + failed + skipped + notSent;
  }

  /** Items that were sent (or at least started). */
  public long sent() {
    return ok + failed;
  }

  public double wallSeconds() {
    return wallNanos / 1e9;
  }

  /** Started items per second of wall time. */
  public double requestsPerSecond() {
    double s = wallSeconds();
    return s <= 0 ? 0 : sent() / s;
  }
}
