package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchsend.support.Fixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Issue 13 item 7: the HTML listed up to 100 slowest items, the console 5 and the summary 10. One
 * cap, {@link RunReport#SLOWEST_LISTED}, holds everywhere, and each report says it.
 */
class SlowestListedTest {
  /** 50 items of 1 to 50 ms: item i took i ms. */
  private static RunReport fiftyItems() {
    RunStats stats = new RunStats();
    for (int i = 1; i <= 50; i++) {
      stats.accept(Fixture.ok(i, "item" + i, 200, i * 1_000_000L, i * 10L));
    }
    return stats.report(stats.snapshot(0, 0, 1_000_000_000L), Fixture.T0, Fixture.T0, 0, Map.of());
  }

  /** The item numbers of the HTML's "slowest items" table, in order. */
  private static List<String> htmlSlowest(Document doc) {
    NodeList headings = doc.getElementsByTagName("h2");
    for (int i = 0; i < headings.getLength(); i++) {
      Element h = (Element) headings.item(i);
      if (h.getTextContent().startsWith("Slowest")) {
        Node n = h.getNextSibling();
        while (!(n instanceof Element e && e.getTagName().equals("table"))) {
          n = n.getNextSibling();
        }
        Element table = (Element) n;
        List<String> indexes = new ArrayList<>();
        NodeList rows = table.getElementsByTagName("tr");
        for (int r = 1; r < rows.getLength(); r++) {
          indexes.add(((Element) rows.item(r)).getElementsByTagName("td").item(0).getTextContent());
        }
        return indexes;
      }
    }
    throw new AssertionError("no slowest table");
  }

  @Test
  void capIsTen() {
    assertEquals(10, RunReport.SLOWEST_LISTED);
  }

  @Test
  void htmlConsoleAndSummaryListTheSameTenSlowest() throws Exception {
    RunReport r = fiftyItems();
    List<String> expected = new ArrayList<>();
    for (int i = 50; i > 50 - RunReport.SLOWEST_LISTED; i--) {
      expected.add(Integer.toString(i));
    }

    String html = HtmlReportTest.render(r);
    Document doc = HtmlReportTest.parse(html);
    assertEquals(expected, htmlSlowest(doc));
    String text = doc.getDocumentElement().getTextContent();
    assertTrue(text.contains("Slowest 10 items"), html);
    assertTrue(text.contains("The 10 slowest of 50 items sent; the console summary"), text);

    StringWriter out = new StringWriter();
    ConsoleSummary.print(r, new PrintWriter(out));
    List<String> lines = out.toString().lines().toList();
    int at = lines.indexOf("  slowest 10:");
    assertTrue(at > 0, out.toString());
    List<String> console = new ArrayList<>();
    for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("    "); i++) {
      console.add(lines.get(i).replaceAll(".* ms  #(\\d+) .*", "$1"));
    }
    assertEquals(expected, console);

    JsonNode json = new ObjectMapper().readTree(SummaryJsonTest.render(r));
    List<String> summary = new ArrayList<>();
    json.get("slowest").forEach(x -> summary.add(x.get("index").asText()));
    assertEquals(expected, summary);
  }

  @Test
  void fewerItemsThanTheCapAreAllListed() throws Exception {
    RunReport r = Fixture.report();
    long timed = Fixture.results().stream().filter(x -> x.attempts() > 0).count();
    assertEquals(timed, r.slowest().size());
    assertEquals(timed, htmlSlowest(HtmlReportTest.parse(HtmlReportTest.render(r))).size());
  }
}
