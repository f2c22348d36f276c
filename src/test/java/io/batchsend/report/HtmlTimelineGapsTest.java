package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 13 item 7: the "latency over time" chart drew lines across seconds in which nothing
 * finished; a gap in the run must be a gap in the chart.
 */
class HtmlTimelineGapsTest {
  /** One item of {@code ms} finishing {@code at} ms after {@link Fixture#T0}. */
  private static void finish(RunStats stats, int index, long ms, long at) {
    stats.accept(Fixture.ok(index, "i" + index, 200, ms * 1_000_000, at));
  }

  private static Element latencyChart(RunStats stats) throws Exception {
    RunReport r =
        stats.report(stats.snapshot(0, 0, 30_000_000_000L), Fixture.T0, Fixture.T0, 0, Map.of());
    Document doc = HtmlReportTest.parse(HtmlReportTest.render(r));
    return (Element) doc.getElementsByTagName("svg").item(0);
  }

  /** The {@code d} of the chart's p50 line. */
  private static String p50Path(Element chart) {
    NodeList paths = chart.getElementsByTagName("path");
    for (int i = 0; i < paths.getLength(); i++) {
      Element p = (Element) paths.item(i);
      if (p.getAttribute("class").equals("p50")) {
        return p.getAttribute("d");
      }
    }
    throw new AssertionError("no p50 path in the chart");
  }

  /** The subpaths of {@code d}, each as its list of x coordinates. */
  private static List<List<Double>> subpathXs(String d) {
    List<List<Double>> subpaths = new ArrayList<>();
    for (String command : d.trim().split(" (?=[ML])")) {
      if (command.startsWith("M")) {
        subpaths.add(new ArrayList<>());
      }
      subpaths.get(subpaths.size() - 1).add(Double.parseDouble(command.substring(1).split(",")[0]));
    }
    return subpaths;
  }

  @Test
  void idleSecondsBreakTheLatencyLine() throws Exception {
    RunStats stats = new RunStats();
    // Busy in seconds 0 to 2, idle from 3 to 9, busy again in 10 and 11, alone in 20.
    int index = 1;
    for (long second : new long[] {0, 1, 2, 10, 11}) {
      finish(stats, index++, 10, second * 1000 + 500);
    }
    finish(stats, index, 2000, 20_500);
    Element chart = latencyChart(stats);

    List<List<Double>> subpaths = subpathXs(p50Path(chart));
    assertEquals(2, subpaths.size(), "one subpath per busy stretch: " + subpaths);
    assertEquals(3, subpaths.get(0).size());
    assertEquals(2, subpaths.get(1).size());
    // No segment reaches across the idle stretch: neighbours are one slot apart.
    double slotWidth = subpaths.get(0).get(1) - subpaths.get(0).get(0);
    for (List<Double> xs : subpaths) {
      for (int i = 1; i < xs.size(); i++) {
        assertEquals(slotWidth, xs.get(i) - xs.get(i - 1), 0.2, "segment across a gap: " + xs);
      }
    }
    assertTrue(subpaths.get(1).get(0) - subpaths.get(0).get(2) > 7 * slotWidth);
    // The lone second 20 is a dot per line, not the end of a diagonal from second 11.
    assertEquals(2, chart.getElementsByTagName("circle").getLength());
  }

  @Test
  void gapBetweenMergedRunsIsAGapInTheChart() throws Exception {
    RunStats stats = new RunStats();
    // Two runs of three seconds each, ten minutes apart, as `batchsend report` merges them.
    int index = 1;
    for (long start : new long[] {0, 600_000}) {
      for (int s = 0; s < 3; s++) {
        finish(stats, index++, 5 + s, start + s * 1000L + 100);
      }
    }
    List<List<Double>> subpaths = subpathXs(p50Path(latencyChart(stats)));
    assertEquals(2, subpaths.size(), subpaths.toString());
    assertEquals(3, subpaths.get(0).size());
    assertEquals(3, subpaths.get(1).size());
  }

  @Test
  void busyRunIsOneUnbrokenLine() throws Exception {
    RunStats stats = new RunStats();
    for (int s = 0; s < 10; s++) {
      finish(stats, s + 1, s + 1, s * 1000L + 500);
    }
    Element chart = latencyChart(stats);
    List<List<Double>> subpaths = subpathXs(p50Path(chart));
    assertEquals(1, subpaths.size());
    assertEquals(10, subpaths.get(0).size());
    assertEquals(0, chart.getElementsByTagName("circle").getLength());
  }
}
