package io.batchsend.report;

import io.batchsend.engine.AdaptiveFigures;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The end-of-run summary printed on stderr. */
public final class ConsoleSummary {
  private ConsoleSummary() {}

  /** Prints {@code s} in a few aligned lines. */
  public static void print(Summary s, PrintWriter err) {
    err.printf(
        Locale.ROOT,
        "batchsend: %d items: %d ok, %d failed, %d skipped, %d not sent in %.2f s (%.1f req/s)%n",
        s.total(),
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
          "  latency: min %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms%n",
          l.min(),
          l.p50(),
          l.p90(),
          l.p99(),
          l.max());
    }
    if (s.adaptive() != null) {
      printAdaptive(s.adaptive(), err);
    }
    err.flush();
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
  }

  private static String counts(Map<?, Long> counts) {
    StringJoiner joiner = new StringJoiner("  ");
    counts.forEach((k, v) -> joiner.add(k + "=" + v));
    return joiner.toString();
  }
}
