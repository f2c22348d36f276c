package io.batchsend.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One bar of the latency histogram: the items whose latency is at most {@code upToMs} and above the
 * previous bar's bound.
 *
 * @param upToMs the bar's upper bound, in milliseconds
 * @param count the items in the bar
 */
public record HistogramBar(double upToMs, long count) {
  public HistogramBar {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
  }

  /**
   * Splits the range from the fastest to the slowest item into {@code n} equal bars, as {@code hey}
   * does; one bar when every item took the same time, none when nothing was sent.
   */
  static List<HistogramBar> of(Histogram micros, int n) {
    if (micros.getTotalCount() == 0) {
      return List.of();
    }
    long min = micros.getMinValue();
    long max = micros.getMaxValue();
    if (max == min) {
      return List.of(new HistogramBar(max / 1000.0, micros.getTotalCount()));
    }
    long[] counts = new long[n];
    double width = (double) (max - min) / n;
    for (HistogramIterationValue v : micros.recordedValues()) {
      // The histogram's own bucket may reach past max; clamp to the recorded range.
      long value = Math.min(max, Math.max(min, v.getValueIteratedTo()));
      int bar = (int) Math.max(0, Math.min(n - 1, Math.ceil((value - min) / width) - 1));
      counts[bar] += v.getCountAtValueIteratedTo();
    }
    List<HistogramBar> bars = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bars.add(new HistogramBar((min + width * (i + 1)) / 1000.0, counts[i]));
    }
    return bars;
  }
}
