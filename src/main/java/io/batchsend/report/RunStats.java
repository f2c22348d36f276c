package io.batchsend.report;

import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResultSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The run's tallies: counts by outcome, status and error kind, and a latency histogram of each
 * item's final attempt.
 *
 * <p>{@link #accept} runs under the pool's log lock, so the maps and the histogram need no locking
 * of their own; they are read by {@link #snapshot} once the pool has terminated. The ok and failed
 * counts are atomics so that a progress line may read them at any time without the lock.
 */
public final class RunStats implements ResultSink {
  /** Latencies are recorded in microseconds, 3 significant digits, up to an hour. */
  private static final long MAX_MICROS = 3_600_000_000L;

  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final Histogram latencyMicros = new Histogram(MAX_MICROS, 3);

  @Override
  public void accept(ItemResult r) {
    if (r.ok()) {
      ok.incrementAndGet();
    } else {
      failed.incrementAndGet();
      errors.merge(r.failure().kind(), 1L, Long::sum);
    }
    if (r.hasStatus()) {
      statuses.merge(r.status(), 1L, Long::sum);
    }
    if (r.attempts() > 0) {
      latencyMicros.recordValue(Math.min(MAX_MICROS, Math.max(0, r.nanos() / 1_000)));
    }
  }

  /** Items that succeeded so far; safe to read at any time. */
  public long ok() {
    return ok.get();
  }

  /** Items that failed so far; safe to read at any time. */
  public long failed() {
    return failed.get();
  }

  /**
   * The figures of the run. Call after the pool has terminated (or under the log lock).
   *
   * @param notSent items read but never started (a stopped run)
   * @param wallNanos the run's wall time
   */
  public Summary snapshot(long skipped, long notSent, long wallNanos) {
    return new Summary(
        ok.get(),
        failed.get(),
        skipped,
        notSent,
        wallNanos,
        Map.copyOf(statuses),
        Map.copyOf(errors),
        Latency.of(latencyMicros));
  }
}
