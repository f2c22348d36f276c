package io.batchsend.report;

import io.batchsend.engine.ItemResult;
import io.batchsend.engine.ResultSink;
import io.batchsend.input.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The run's tallies: counts by outcome, status and error kind, a latency histogram of each item's
 * final attempt, latency over time, the slowest items and the first failed ones.
 *
 * <p>{@link #accept} runs under the pool's log lock, so the maps, lists and histograms need no
 * locking of their own; they are read by {@link #snapshot} and {@link #report} once the pool has
 * terminated. The ok and failed counts are atomics so that a progress line may read them at any
 * time without the lock. Everything kept per item is bounded: the slowest {@value #SLOWEST_KEPT}
 * and the first {@value #FAILURES_KEPT} failures.
 */
public final class RunStats implements ResultSink {
  /** Latencies are recorded in microseconds, 3 significant digits, up to an hour. */
  private static final long MAX_MICROS = 3_600_000_000L;

  /** The slowest items kept: as many as every report lists. */
  static final int SLOWEST_KEPT = RunReport.SLOWEST_LISTED;

  /** The failed items kept, for the JUnit report's test cases; later ones are only counted. */
  static final int FAILURES_KEPT = 10_000;

  /**
   * The kept results show at most this many characters of an item and of its URL, and none of its
   * fields: kept whole, the 100 slowest of 1 MiB items held 200 MB, past the launcher's 96 MB heap.
   */
  static final int SHOWN_CHARS = 256;

  private static final int HISTOGRAM_BARS = 10;

  /** Fastest first, so the head is the one to drop when a slower item comes. */
  private static final Comparator<ItemResult> BY_SPEED =
      Comparator.comparingLong(ItemResult::nanos)
          .thenComparing(Comparator.comparingLong((ItemResult r) -> r.item().index()).reversed());

  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private final Histogram latencyMicros = new Histogram(MAX_MICROS, 3);
  private final LatencyTimeline timeline = new LatencyTimeline();
  private final PriorityQueue<ItemResult> slowest = new PriorityQueue<>(BY_SPEED);
  private final List<ItemResult> failures = new ArrayList<>();
  private final int failuresKept;
  private long failuresOmitted;
  private long bytes;

  public RunStats() {
    this(FAILURES_KEPT);
  }

  RunStats(int failuresKept) {
    this.failuresKept = failuresKept;
  }

  @Override
  public void accept(ItemResult r) {
    if (r.ok()) {
      ok.incrementAndGet();
    } else {
      failed.incrementAndGet();
      errors.merge(r.failure().word(), 1L, Long::sum);
      if (failures.size() < failuresKept) {
        failures.add(shortCopy(r));
      } else {
        failuresOmitted++;
      }
    }
    if (r.hasStatus()) {
      statuses.merge(r.status(), 1L, Long::sum);
    }
    bytes += r.bytes();
    if (r.attempts() > 0) {
      long micros = Math.min(MAX_MICROS, Math.max(0, r.nanos() / 1_000));
      latencyMicros.recordValue(micros);
      timeline.record(r.finishedEpochMillis(), micros);
      keepIfSlow(r);
    }
  }

  private void keepIfSlow(ItemResult r) {
    if (slowest.size() < SLOWEST_KEPT) {
      slowest.add(shortCopy(r));
    } else if (BY_SPEED.compare(r, slowest.peek()) > 0) {
      slowest.poll();
      slowest.add(shortCopy(r));
    }
  }

  /** {@code r} as the reports show it, holding no more than {@link #SHOWN_CHARS} of item or URL. */
  private static ItemResult shortCopy(ItemResult r) {
    Item item = r.item();
    String url = r.displayUrl();
    boolean longUrl = url != null && url.length() > SHOWN_CHARS;
    if (item.text().length() <= SHOWN_CHARS
        && item.fields().isEmpty()
        && !longUrl
        && r.body() == null) {
      return r;
    }
    return ItemResult.builder(new Item(item.index(), cut(item.text()), Map.of(), item.problem()))
        .request(r.method(), longUrl ? cut(url) : url)
        .status(r.status())
        .attempts(r.attempts())
        .nanos(r.nanos())
        .bytes(r.bytes())
        .failure(r.failure())
        .finishedAt(r.finishedEpochMillis())
        .build();
  }

  private static String cut(String text) {
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
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
   * @param skipped items skipped before sending
   * @param notSent items read but never started
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

  /**
   * Everything the reports show. Call after the pool has terminated.
   *
   * @param summary the run's figures, from {@link #snapshot}
   * @param startedEpochMillis when the run started
   * @param finishedEpochMillis when it finished
   * @param exitCode the process exit code
   * @param options the options of the run, secrets already masked
   */
  public RunReport report(
      Summary summary,
      long startedEpochMillis,
      long finishedEpochMillis,
      int exitCode,
      Map<String, Object> options) {
    List<ItemResult> slowestFirst = new ArrayList<>(slowest);
    slowestFirst.sort(BY_SPEED.reversed());
    return new RunReport(
        summary,
        startedEpochMillis,
        finishedEpochMillis,
        exitCode,
        options,
        bytes,
        slowestFirst,
        failures,
        failuresOmitted,
        HistogramBar.of(latencyMicros, HISTOGRAM_BARS),
        timeline.points(),
        timeline.slotSeconds());
  }
}
