package io.batchsend.report;

import io.batchsend.engine.AdaptiveFigures;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.RateFigures;
import io.batchsend.log.TextRecordFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The end-of-run summary printed on stderr. */
public final class ConsoleSummary {
  /** Items listed under "first failures"; "slowest" lists {@link RunReport#SLOWEST_LISTED}. */
  static final int LISTED = 5;

  /** The longest item text shown; longer ones are cut, the log has them whole. */
  private static final int ITEM_WIDTH = 60;

  private static final int BAR_WIDTH = 40;

  private ConsoleSummary() {}

  /** Prints the first line and the counts of {@code s}. */
  public static void print(Summary s, PrintWriter err) {
    err.printf(
        Locale.ROOT,
        "batchsend: %d %s: %d ok, %d failed, %d skipped, %d not sent in %.2f s (%.1f req/s)%n",
        s.total(),
        s.total() == 1 ? "item" : "items",
        s.ok(),
        s.failed(),
        s.skipped(),
        s.notSent(),
        s.wallSeconds(),
        s.requestsPerSecond());
    if (!s.statuses().isEmpty()) {
      err.println("  status:  " + counts(s.statuses()));
    }
    if (!s.errors().isEmpty()) {
      err.println("  errors:  " + counts(s.errors()));
    }
    Latency l = s.latency();
    if (l.count() > 0) {
      err.printf(
          Locale.ROOT,
          "  latency: min %.2f  mean %.2f  p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f"
              + "  max %.2f ms%n",
          l.min(),
          l.mean(),
          l.p50(),
          l.p90(),
          l.p95(),
          l.p99(),
          l.p999(),
          l.max());
    }
    if (s.adaptive() != null) {
      printAdaptive(s.adaptive(), err);
    }
    err.flush();
  }

  /**
   * Prints the whole summary of {@code r}: the first line and counts, bytes received, a latency
   * histogram, the slowest items and the first failures.
   */
  public static void print(RunReport r, PrintWriter err) {
    Summary s = r.summary();
    print(s, err);
    if (s.sent() > 0) {
      err.printf(
          Locale.ROOT,
          "  received: %s (%s/s)%n",
          bytes(r.bytes()),
          bytes(s.wallSeconds() <= 0 ? 0 : (long) (r.bytes() / s.wallSeconds())));
    }
    if (s.sent() > LISTED) {
      // Up to LISTED items are all under "slowest": a histogram of them says nothing more.
      printHistogram(r.histogram(), err);
    }
    if (!r.slowest().isEmpty()) {
      err.println("  slowest " + r.slowest().size() + ":");
      for (ItemResult x : r.slowest()) {
        err.printf(
            Locale.ROOT,
            "    %10.2f ms  #%d  %s  %s%n",
            x.millis(),
            x.item().index(),
            x.hasStatus() ? Integer.toString(x.status()) : "-",
            oneLine(x.item().text()));
      }
    }
    if (!r.failures().isEmpty()) {
      err.println("  first failures:");
      List<ItemResult> first = r.failures().subList(0, Math.min(LISTED, r.failures().size()));
      for (ItemResult x : first) {
        err.printf(
            Locale.ROOT,
            "    #%d  %s  %s%n",
            x.item().index(),
            oneLine(x.item().text()),
            oneLine(x.failure().describe()));
      }
      long more = s.failed() - first.size();
      if (more > 0) {
        err.printf(Locale.ROOT, "    ... and %d more failed (the log has them all)%n", more);
      }
    }
    err.flush();
  }

  /**
   * Bars as {@code hey} draws them: the bar's range, its count, a bar of marks. Bounds are round
   * and distinct (see {@link HistogramBar}), so no two rows share a label.
   */
  private static void printHistogram(List<HistogramBar> bars, PrintWriter err) {
    if (bars.size() < 2) {
      return;
    }
    long most = bars.stream().mapToLong(HistogramBar::count).max().orElse(1);
    int countWidth = Long.toString(most).length();
    err.println("  latency histogram (ms):");
    for (HistogramBar b : bars) {
      int marks = (int) Math.round((double) b.count() * BAR_WIDTH / most);
      err.printf(
          Locale.ROOT,
          "    %s [%" + countWidth + "d] |%s%n",
          label(b),
          b.count(),
          "#".repeat(marks));
    }
  }

  private static String label(HistogramBar b) {
    return String.format(Locale.ROOT, "%15s", b.range());
  }

  /** {@code text} escaped onto one line and cut to a readable width. */
  static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(escaped(text));
    if (sb.length() > ITEM_WIDTH) {
      int cut = ITEM_WIDTH - 3;
      sb.setLength(Character.isHighSurrogate(sb.charAt(cut - 1)) ? cut - 1 : cut);
      sb.append("...");
    }
    return sb.toString();
  }

  /** {@code text} with control characters escaped as the text log does, so it stays on a line. */
  static String escaped(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    TextRecordFormat.escape(text, sb);
    return sb.toString();
  }

  /** A byte count with a binary unit: {@code 512 B}, {@code 1.5 KiB}, {@code 20.0 MiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static void printAdaptive(AdaptiveFigures a, PrintWriter err) {
    err.printf(
        Locale.ROOT,
        "  adaptive: in flight min %d  mean %.1f  max %d;  paused %.2f s;  429=%d  503=%d%n",
        a.minLimit(),
        a.meanLimit(),
        a.maxLimit(),
        a.pausedSeconds(),
        a.tooManyRequests(),
        a.unavailable());
    RateFigures r = a.rate();
    if (!Double.isNaN(r.meanPerSecond())) {
      err.printf(
          Locale.ROOT,
          "  adaptive: start rate min %.1f  mean %.1f  max %.1f /s;  limited by %s%n",
          r.minPerSecond(),
          r.meanPerSecond(),
          r.maxPerSecond(),
          r.limitedBy().label());
    } else {
      err.printf(Locale.ROOT, "  adaptive: limited by %s%n", r.limitedBy().label());
    }
  }

  private static String counts(Map<?, Long> counts) {
    StringJoiner joiner = new StringJoiner("  ");
    counts.forEach((k, v) -> joiner.add(k + "=" + v));
    return joiner.toString();
  }
}
