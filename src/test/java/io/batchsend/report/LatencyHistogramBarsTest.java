package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Fixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 13 item 7: a linear histogram put 49 of 50 items into one bar; bars must show the shape of
 * a long tail, name their ranges once each, and be few for few items.
 */
class LatencyHistogramBarsTest {
  private static Histogram micros(long... values) {
    Histogram h = new Histogram(3_600_000_000L, 3);
    for (long v : values) {
      h.recordValue(v);
    }
    return h;
  }

  /** 49 items between 5 and 15 ms and one of 2 s: the user's run. */
  private static Histogram longTail() {
    long[] values = new long[50];
    for (int i = 0; i < 49; i++) {
      values[i] = 5_000 + i * 200L;
    }
    values[49] = 2_000_000;
    return micros(values);
  }

  private static void assertWellFormed(List<HistogramBar> bars, Histogram h) {
    assertEquals(h.getTotalCount(), bars.stream().mapToLong(HistogramBar::count).sum());
    // The histogram keeps 3 significant digits: a value may count in the bar just above it.
    assertTrue(bars.get(0).fromMs() * 1000 <= h.getMinValue() * 1.001, bars.toString());
    assertTrue(bars.get(bars.size() - 1).upToMs() * 1000 > h.getMaxValue(), bars.toString());
    for (int i = 1; i < bars.size(); i++) {
      assertEquals(bars.get(i - 1).upToMs(), bars.get(i).fromMs(), "bars touch: " + bars);
    }
    // Labels as the console prints them, and the ranges the HTML shows: no two alike.
    assertEquals(
        bars.size(),
        new HashSet<>(
                bars.stream().map(b -> String.format(Locale.ROOT, "%.2f", b.upToMs())).toList())
            .size(),
        bars.toString());
    assertEquals(
        bars.size(), new HashSet<>(bars.stream().map(HistogramBar::range).toList()).size());
  }

  @Test
  void longTailIsSpreadOverBarsThatGrowWithLatency() {
    Histogram h = longTail();
    List<HistogramBar> bars = HistogramBar.of(h, 10);
    assertWellFormed(bars, h);
    assertTrue(bars.size() <= 10, bars.toString());
    long fullest = bars.stream().mapToLong(HistogramBar::count).max().orElseThrow();
    assertTrue(fullest <= 25, "one bar holds " + fullest + " of 50: " + bars);
    assertTrue(
        bars.stream().filter(b -> b.count() > 0 && b.upToMs() <= 20).count() >= 2,
        "the 5 to 15 ms body is split: " + bars);
    HistogramBar last = bars.get(bars.size() - 1);
    assertEquals(1, last.count());
    assertTrue(last.upToMs() / last.fromMs() > 1.1, "the tail's bar is wide: " + last);
    HistogramBar first = bars.get(0);
    assertTrue(
        first.upToMs() - first.fromMs() < last.upToMs() - last.fromMs(),
        "bars grow with latency: " + bars);
  }

  @Test
  void oneItemIsOneBar() {
    Histogram h = micros(12_340);
    List<HistogramBar> bars = HistogramBar.of(h, 10);
    assertWellFormed(bars, h);
    assertEquals(1, bars.size(), bars.toString());
  }

  @Test
  void fewItemsGiveAtMostOneBarEach() {
    for (long[] values :
        new long[][] {{5_000, 5_010}, {1_000, 1_200, 90_000}, {10, 20, 30}, {300, 310, 320}}) {
      Histogram h = micros(values);
      List<HistogramBar> bars = HistogramBar.of(h, 10);
      assertWellFormed(bars, h);
      assertTrue(bars.size() <= values.length, bars.toString());
    }
  }

  @Test
  void narrowRangeIsSplitInRoundSteps() {
    long[] values = new long[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100_000 + i * 150L; // 100 to 130 ms
    }
    Histogram h = micros(values);
    List<HistogramBar> bars = HistogramBar.of(h, 10);
    assertWellFormed(bars, h);
    assertTrue(bars.size() >= 4 && bars.size() <= 10, bars.toString());
    double width = bars.get(0).upToMs() - bars.get(0).fromMs();
    for (HistogramBar b : bars) {
      assertEquals(width, b.upToMs() - b.fromMs(), 1e-9, bars.toString());
    }
    assertEquals("100-105", bars.get(0).range());
  }

  @Test
  void rangesReadAsRoundMilliseconds() {
    assertEquals("0.01-0.02", new HistogramBar(10, 20, 1).range());
    assertEquals("1.5-2", new HistogramBar(1_500, 2_000, 1).range());
    assertEquals("0-0.01", new HistogramBar(0, 10, 1).range());
    assertEquals("1000-2000", new HistogramBar(1_000_000, 2_000_000, 1).range());
  }

  @Test
  void extremesGetFewWideBars() {
    for (long[] values :
        new long[][] {{5, 3_600_000_000L}, {0, 9, 3_600_000_000L}, {0, 50, 100, 1_000_000}}) {
      Histogram h = micros(values);
      List<HistogramBar> bars = HistogramBar.of(h, 10);
      assertWellFormed(bars, h);
      assertTrue(bars.size() <= values.length, bars.toString());
    }
  }

  @Test
  void nothingSentIsNoBar() {
    assertEquals(List.of(), HistogramBar.of(micros(), 10));
  }

  @Test
  void htmlHistogramOfALongTailListsEachRangeOnce() throws Exception {
    RunStats stats = new RunStats();
    for (int i = 0; i < 49; i++) {
      stats.accept(Fixture.ok(i + 1, "i" + i, 200, (5_000 + i * 200L) * 1000, i * 10L));
    }
    stats.accept(Fixture.ok(50, "slow", 200, 2_000_000_000L, 2_600));
    RunReport r =
        stats.report(stats.snapshot(0, 0, 3_000_000_000L), Fixture.T0, Fixture.T0, 0, Map.of());
    Document doc = HtmlReportTest.parse(HtmlReportTest.render(r));

    Element table = null;
    NodeList tables = doc.getElementsByTagName("table");
    for (int i = 0; i < tables.getLength(); i++) {
      if (((Element) tables.item(i)).getAttribute("class").equals("histogram")) {
        table = (Element) tables.item(i);
      }
    }
    assertTrue(table != null, "no histogram table");
    NodeList rows = table.getElementsByTagName("tr");
    List<String> ranges = new ArrayList<>();
    long items = 0;
    for (int i = 1; i < rows.getLength(); i++) {
      NodeList cells = ((Element) rows.item(i)).getElementsByTagName("td");
      ranges.add(cells.item(0).getTextContent());
      long count = Long.parseLong(cells.item(1).getTextContent());
      assertTrue(count <= 25, "one range holds " + count + " of 50");
      items += count;
    }
    assertEquals(50, items);
    assertEquals(ranges.size(), new HashSet<>(ranges).size(), ranges.toString());
    assertEquals("5-10", ranges.get(0));
    assertEquals("2000-5000", ranges.get(ranges.size() - 1));

    // The chart's axis names each bound once: one label per bar and one at the end.
    Element chart = (Element) doc.getElementsByTagName("svg").item(1);
    NodeList texts = chart.getElementsByTagName("text");
    List<String> axis = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      if (t.getAttribute("text-anchor").equals("middle")) {
        axis.add(t.getTextContent());
      }
    }
    assertEquals(ranges.size() + 1, axis.size(), axis.toString());
    assertEquals(axis.size(), new HashSet<>(axis).size(), axis.toString());
    assertEquals("5", axis.get(0));
    assertEquals("5000", axis.get(axis.size() - 1));
  }
}
