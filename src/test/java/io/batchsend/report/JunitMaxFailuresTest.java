package io.batchsend.report;

import static io.batchsend.report.JunitXmlTest.parse;
import static io.batchsend.report.JunitXmlTest.properties;
import static io.batchsend.report.JunitXmlTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.support.Fixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A run whose failures are within {@code --max-failures} exits 0: its JUnit XML must not read as
 * failed (a CI test reporter would show red on a green job), yet the failed items stay visible.
 */
class JunitMaxFailuresTest {
  private static RunReport report(int exitCode) {
    RunStats stats = new RunStats();
    for (int i = 1; i <= 3; i++) {
      stats.accept(Fixture.ok(i, "ok" + i, 200, 1000, i));
    }
    stats.accept(Fixture.failed(4, "bad", 503, 1, 1000, new Failure(FailureKind.STATUS, "503"), 4));
    return stats.report(
        stats.snapshot(0, 0, 1000),
        Fixture.T0,
        Fixture.T0,
        exitCode,
        Map.of("max_failures", "25%"));
  }

  @Test
  void failuresWithinMaxFailuresAreNoJunitFailures() throws Exception {
    Document doc = parse(render(report(0)));
    Element suite = doc.getDocumentElement();
    assertEquals("0", suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("errors"));
    assertEquals(0, doc.getElementsByTagName("failure").getLength());
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals("1", properties(doc).get("failures_tolerated"));
  }

  @Test
  void toleratedFailuresStayVisibleAndSayWhy() throws Exception {
    Document doc = parse(render(report(0)));
    NodeList skipped = doc.getElementsByTagName("skipped");
    assertEquals(1, skipped.getLength());
    Element item = (Element) skipped.item(0);
    String message = item.getAttribute("message");
    assertTrue(message.contains("within --max-failures=25%"), message);
    assertTrue(message.contains("status: 503"), message);
    assertEquals("#4 bad", ((Element) item.getParentNode()).getAttribute("name"));
    Element batch = (Element) doc.getElementsByTagName("testcase").item(1);
    assertEquals("batch", batch.getAttribute("name"));
    String out = batch.getElementsByTagName("system-out").item(0).getTextContent();
    assertTrue(out.contains("1 of 4 items failed, within --max-failures=25%"), out);
  }

  @Test
  void failuresPastTheLimitStayFailures() throws Exception {
    Document doc = parse(render(report(1)));
    assertEquals("2", doc.getDocumentElement().getAttribute("failures"));
    assertEquals("0", doc.getDocumentElement().getAttribute("skipped"));
  }
}
