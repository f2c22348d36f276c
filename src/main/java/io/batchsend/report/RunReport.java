package io.batchsend.report;

import io.batchsend.engine.ItemResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the console summary and the report files show about one run (or one set of logs).
 *
 * @param summary the counts and latency figures
 * @param startedEpochMillis when the run started
 * @param finishedEpochMillis when it finished
 * @param exitCode the process exit code
 * @param options the options of the run by name, secrets masked, in the order to show them
 * @param bytes response body bytes received in all
 * @param slowest the slowest items, slowest first, at most {@link #SLOWEST_LISTED}
 * @param failures the first failed items, in the order they finished (a bounded number)
 * @param failuresOmitted the failed items past those in {@code failures}
 * @param histogram the latency histogram's bars, fastest first
 * @param timeline latency over time, one point per slot in which items finished
 * @param timelineSlotSeconds the width of a timeline slot
 */
public record RunReport(
    Summary summary,
    long startedEpochMillis,
    long finishedEpochMillis,
    int exitCode,
    Map<String, Object> options,
    long bytes,
    List<ItemResult> slowest,
    List<ItemResult> failures,
    long failuresOmitted,
    List<HistogramBar> histogram,
    List<TimelinePoint> timeline,
    double timelineSlotSeconds) {
  /**
   * The most items every report lists as the slowest: the console summary, {@code --summary} and
   * {@code --html} show the same ones, and say how many. Ten fit on a terminal and show whether a
   * few outliers or a whole slow stretch made the tail; the log has every item's time.
   */
  public static final int SLOWEST_LISTED = 10;

  public RunReport {
    if (summary == null) {
      throw new IllegalArgumentException("summary is required");
    }
    if (finishedEpochMillis < startedEpochMillis) {
      throw new IllegalArgumentException("finished before it started");
    }
    if (failuresOmitted < 0 || failures.size() + failuresOmitted != summary.failed()) {
      throw new IllegalArgumentException(
          "failures listed and omitted must add up to failed: " + summary.failed());
    }
    if (slowest.size() > SLOWEST_LISTED) {
      throw new IllegalArgumentException(
          "at most " + SLOWEST_LISTED + " slowest items: " + slowest.size());
    }
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    slowest = List.copyOf(slowest);
    failures = List.copyOf(failures);
    histogram = List.copyOf(histogram);
    timeline = List.copyOf(timeline);
  }
}
