package io.batchsend.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One bar of the latency histogram: the items whose latency is at least {@code fromMicros} and
 * below {@code upToMicros}.
 *
 * <p>Bounds are round numbers of milliseconds on a 10 µs grid, so that every bound prints
 * differently with two decimals and no two bars share a label.
 *
 * @param fromMicros the bar's lower bound, included, in microseconds
 * @param upToMicros the bar's upper bound, excluded, in microseconds
 * @param count the items in the bar
 */
public record HistogramBar(long fromMicros, long upToMicros, long count) {
  /** Bounds are multiples of this: 0.01 ms, the precision the reports print. */
  private static final long GRID_MICROS = 10;

  /**
   * A range of latencies wider than this factor gets bars that grow with latency; a narrower one
   * gets equal steps (within a factor of 4, growing bars would be nearly equal anyway).
   */
  private static final long LOG_FROM_RATIO = 4;

  /**
   * Mantissas of the bounds within a decade, coarsest first: the finest that stays within the bar
   * budget is used. Each grows by a factor of 1.2 to 2.5 at most from one bound to the next.
   */
  private static final double[][] LADDERS = {
    {1, 2, 5}, {1, 1.5, 2, 3, 5, 7}, {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8},
  };

  /** Decades of latency the bounds cover: 10 µs to 10^11 µs, past any timeout. */
  private static final int DECADES = 11;

  public HistogramBar {
    if (count < 0 || fromMicros < 0 || upToMicros <= fromMicros) {
      throw new IllegalArgumentException(
          "a bar needs 0 <= from < upTo and count >= 0: " + fromMicros + ", " + upToMicros);
    }
  }

  /** The lower bound in milliseconds. */
  public double fromMs() {
    return fromMicros / 1000.0;
  }

  /** The upper bound in milliseconds. */
  public double upToMs() {
    return upToMicros / 1000.0;
  }

  /** The range in milliseconds, as few digits as needed: {@code 1.5-2}, {@code 100-200}. */
  public String range() {
    return ms(fromMicros) + "-" + ms(upToMicros);
  }

  /**
   * {@code micros} in milliseconds, as few digits as needed: {@code 0.01}, {@code 1.5}, {@code 20}.
   */
  static String ms(long micros) {
    return BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString();
  }

  /**
   * The bars of {@code micros}: at most {@code maxBars}, and fewer for few items (about two per
   * doubling of the item count, never more than the items), from the first bar holding the fastest
   * item to the last holding the slowest, empty bars between them kept so the shape shows. When the
   * slowest item took more than {@value #LOG_FROM_RATIO} times the fastest, the bounds grow
   * logarithmically (1, 2, 5, 10 ... or finer), so that a long tail does not squeeze every other
   * item into one bar, as equal steps did; otherwise they are equal round steps. None when nothing
   * was sent.
   */
  static List<HistogramBar> of(Histogram micros, int maxBars) {
    long n = micros.getTotalCount();
    if (n == 0) {
      return List.of();
    }
    int budget = (int) Math.max(1, Math.min(maxBars, Math.min(n, 2 * ceilLog2(n))));
    // Each value as the top of its histogram bucket (within 0.1 % of what was recorded), for the
    // range as for the counts, so that the first bar and the last are never empty.
    long min = micros.highestEquivalentValue(micros.getMinValue());
    long max = micros.highestEquivalentValue(micros.getMaxValue());
    long[] bounds =
        max > LOG_FROM_RATIO * Math.max(min, GRID_MICROS)
            ? logBounds(min, max, budget)
            : stepBounds(min, max, budget);
    long[] counts = new long[bounds.length - 1];
    for (HistogramIterationValue v : micros.recordedValues()) {
      counts[barOf(bounds, v.getValueIteratedTo())] += v.getCountAtValueIteratedTo();
    }
    List<HistogramBar> bars = new ArrayList<>(counts.length);
    for (int i = 0; i < counts.length; i++) {
      bars.add(new HistogramBar(bounds[i], bounds[i + 1], counts[i]));
    }
    return bars;
  }

  /** The index of the bar of {@code bounds} that holds {@code value}. */
  private static int barOf(long[] bounds, long value) {
    int at = Arrays.binarySearch(bounds, value);
    return at >= 0 ? at : -at - 2;
  }

  /**
   * Logarithmic bounds from at most {@code min} to above {@code max}: those of the finest ladder
   * within {@code budget} bars, else of the fewest decades per bar that is.
   */
  private static long[] logBounds(long min, long max, int budget) {
    long[] best = null;
    for (double[] ladder : LADDERS) {
      long[] bounds = covering(ladderBounds(ladder, 1), min, max);
      if (bounds.length - 1 <= budget) {
        best = bounds;
      }
    }
    for (int decadesPerBar = 1; best == null; decadesPerBar++) {
      long[] bounds = covering(ladderBounds(new double[] {1}, decadesPerBar), min, max);
      if (bounds.length - 1 <= budget || decadesPerBar >= DECADES) {
        best = bounds;
      }
    }
    return best;
  }

  /**
   * 0, every {@code mantissa × 10^k} µs on the grid for every {@code step}-th decade, and
   * 10^{@value #DECADES} µs, so that some bound is past every latency.
   */
  private static TreeSet<Long> ladderBounds(double[] mantissas, int step) {
    TreeSet<Long> all = new TreeSet<>();
    all.add(0L);
    all.add(Math.round(Math.pow(10, DECADES)));
    for (int decade = 1; decade <= DECADES; decade += step) {
      for (double m : mantissas) {
        long micros = Math.round(m * Math.pow(10, decade));
        all.add(Math.max(GRID_MICROS, micros / GRID_MICROS * GRID_MICROS));
      }
    }
    return all;
  }

  /**
   * The bounds of {@code all} from the last at or below {@code min} to the first above {@code max}.
   */
  private static long[] covering(TreeSet<Long> all, long min, long max) {
    // 0 is the first bound and the last is past any latency recorded, so both exist.
    return all.subSet(all.floor(min), true, all.higher(max), true).stream()
        .mapToLong(Long::longValue)
        .toArray();
  }

  /** Equal round steps (1, 2 or 5 × 10^k µs, at least the grid): the finest within the budget. */
  private static long[] stepBounds(long min, long max, int budget) {
    for (long decade = GRID_MICROS; ; decade *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        long step = m * decade;
        long first = min / step;
        long bars = max / step - first + 1;
        if (bars <= budget) {
          long[] bounds = new long[(int) bars + 1];
          for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (first + i) * step;
          }
          return bounds;
        }
      }
    }
  }

  private static long ceilLog2(long n) {
    return 64 - Long.numberOfLeadingZeros(n - 1);
  }
}
