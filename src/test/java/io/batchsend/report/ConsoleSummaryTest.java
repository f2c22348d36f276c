package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Fixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  private static List<String> print(RunReport r) {
    StringWriter out = new StringWriter();
    ConsoleSummary.print(r, new PrintWriter(out));
    return out.toString().lines().toList();
  }

  @Test
  void firstLineKeepsItsFormatAndTheTotalsAddUp() {
    assertEquals(
        "batchsend: 10 items: 4 ok, 3 failed, 1 skipped, 2 not sent in 1.00 s (7.0 req/s)",
        print(Fixture.report()).get(0));
  }

  @Test
  void summaryShowsCountsLatencyHistogramSlowestAndFirstFailures() {
    List<String> lines = print(Fixture.report());
    assertEquals("  status:  200=3  201=1  500=1  503=1", lines.get(1));
    assertEquals("  errors:  status=2  timeout=1", lines.get(2));
    assertTrue(lines.get(3).startsWith("  latency: min 2.25  mean "), lines.get(3));
    assertTrue(lines.get(3).contains("p99.9 1000."));
    assertEquals("  received: 18 B (18 B/s)", lines.get(4));
    assertEquals("  latency histogram (ms):", lines.get(5));
    int slowest = lines.indexOf("  slowest 7:");
    assertEquals(5 + Fixture.report().histogram().size() + 1, slowest, String.join("\n", lines));
    assertEquals("       1000.00 ms  #4  -  <tag> & \"amp\"", lines.get(slowest + 1));
    assertEquals("         80.00 ms  #7  200  secret-free, token masked", lines.get(slowest + 2));
    int failures = lines.indexOf("  first failures:");
    assertEquals(slowest + 8, failures);
    assertEquals("    #3  multi\\nline\\r\\nitem  status: 503", lines.get(failures + 1));
    assertEquals("    #5  ctl\\u0001\\u0007char\uFFFF  status: 500", lines.get(failures + 3));
    assertEquals(failures + 4, lines.size());
  }

  @Test
  void longItemsAreCutToOneReadableLine() {
    String cut = ConsoleSummary.oneLine("x".repeat(200) + "\n");
    assertEquals(60, cut.length());
    assertTrue(cut.endsWith("..."));
  }

  private static RunReport run(long... micros) {
    RunStats stats = new RunStats();
    for (int i = 0; i < micros.length; i++) {
      stats.accept(Fixture.ok(i + 1, "item" + (i + 1), 200, micros[i] * 1000, i));
    }
    return stats.report(stats.snapshot(0, 0, 1_000_000_000L), Fixture.T0, Fixture.T0, 0, Map.of());
  }

  @Test
  void aRunOfFewItemsPrintsNoHistogram() {
    List<String> lines = print(run(1_000, 2_000, 3_500));
    assertFalse(lines.contains("  latency histogram (ms):"), String.join("\n", lines));
    assertTrue(lines.contains("  slowest 3:"), "the few items are listed one by one");
  }

  @Test
  void histogramRowsNeverRepeatALabel() {
    long[] micros = new long[20];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = 1_000 + i * 3 / 2; // 1.000 to 1.028 ms: ten bars 0.003 ms wide
    }
    List<String> lines = print(run(micros));
    int at = lines.indexOf("  latency histogram (ms):");
    assertTrue(at > 0, String.join("\n", lines));
    List<String> labels = new ArrayList<>();
    long counted = 0;
    for (String line : lines.subList(at + 1, lines.size())) {
      if (!line.startsWith("    ") || !line.contains("|")) {
        break;
      }
      labels.add(line.substring(0, line.indexOf('[')).strip());
      counted += Long.parseLong(line.substring(line.indexOf('[') + 1, line.indexOf(']')).strip());
    }
    assertEquals(Set.copyOf(labels).size(), labels.size(), String.join("\n", lines));
    assertEquals(20, counted, "every item is in a bar");
  }
}
