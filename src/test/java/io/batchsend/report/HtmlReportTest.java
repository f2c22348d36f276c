package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.Fixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
  static String render(RunReport r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new HtmlReport().write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static Document parse(String html) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void htmlIsWellFormedXmlWithNoExternalReference() throws Exception {
    String html = render(Fixture.report());
    Document doc = parse(html);
    assertEquals("html", doc.getDocumentElement().getTagName());
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertFalse(html.contains("http://"), "http:// in the page");
    assertFalse(html.contains("https://"), "https:// in the page");
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    assertEquals(0, doc.getElementsByTagName("link").getLength());
    assertFalse(html.contains("src="), "a src attribute");
    assertFalse(html.contains("href="), "an href attribute");
    assertFalse(html.contains("url("), "a CSS url()");
  }

  @Test
  void htmlShowsTheSummaryFiguresAndTheAwkwardItemsAsText() throws Exception {
    RunReport r = Fixture.report();
    String text = parse(render(r)).getDocumentElement().getTextContent();
    Latency l = r.summary().latency();
    for (double v : new double[] {l.min(), l.p50(), l.p90(), l.p99(), l.max()}) {
      assertTrue(text.contains(String.format(Locale.ROOT, "%.2f", v)), v + " in " + text);
    }
    assertTrue(text.contains("items10"), text);
    assertTrue(text.contains("failed3"), text);
    assertTrue(text.contains("Exit code 1."), text);
    assertTrue(text.contains("<tag> & \"amp\""), "item shown as text");
    assertTrue(text.contains("multi\\nline\\r\\nitem"), "line breaks shown escaped");
    assertTrue(text.contains("http://127.0.0.1:8080/api?id=3"), "URL reads the same");
    assertTrue(text.contains("timeout: no response in 1s"), text);
  }

  @Test
  void htmlChartsLatencyOverTimeWithAPointPerSecond() throws Exception {
    RunStats stats = new RunStats();
    for (int s = 0; s < 10; s++) {
      stats.accept(Fixture.ok(s + 1, "i" + s, 200, (s + 1) * 1_000_000L, s * 1000L + 500));
    }
    RunReport r =
        stats.report(stats.snapshot(0, 0, 10_000_000_000L), Fixture.T0, Fixture.T0, 0, Map.of());
    Document doc = parse(render(r));
    NodeList svgs = doc.getElementsByTagName("svg");
    assertEquals(2, svgs.getLength());
    List<Element> lines = new ArrayList<>();
    NodeList paths = ((Element) svgs.item(0)).getElementsByTagName("path");
    for (int i = 0; i < paths.getLength(); i++) {
      Element p = (Element) paths.item(i);
      if (p.getAttribute("class").matches("p50|p99")) {
        lines.add(p);
      }
    }
    assertEquals(2, lines.size());
    String[] points = lines.get(0).getAttribute("d").split(" ");
    assertEquals(10, points.length);
    assertTrue(points[0].startsWith("M") && points[9].startsWith("L"), lines.get(0).toString());
    NodeList bars = ((Element) svgs.item(1)).getElementsByTagName("rect");
    assertEquals(r.histogram().size(), bars.getLength());
  }

  @Test
  void emptyRunGivesAPageWithoutCharts() throws Exception {
    RunStats stats = new RunStats();
    RunReport r = stats.report(stats.snapshot(0, 0, 0), Fixture.T0, Fixture.T0, 0, Map.of());
    Document doc = parse(render(r));
    assertEquals(0, doc.getElementsByTagName("svg").getLength());
    assertTrue(doc.getDocumentElement().getTextContent().contains("Every item succeeded."));
  }
}
