package io.batchsend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchsend.engine.Failure;
import io.batchsend.engine.FailureKind;
import io.batchsend.support.Fixture;
import io.batchsend.support.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  static byte[] render(RunReport r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JunitXml().write(r, out);
    return out.toByteArray();
  }

  static Document parse(byte[] xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml));
  }

  static Map<String, String> properties(Document doc) {
    Map<String, String> props = new HashMap<>();
    NodeList list = doc.getElementsByTagName("property");
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      props.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return props;
  }

  @Test
  void junitOfAwkwardItemsMatchesGolden() throws Exception {
    Golden.assertMatches("junit.xml", new String(render(Fixture.report()), StandardCharsets.UTF_8));
  }

  @Test
  void junitParsesAndHasATestCasePerFailedItemPlusTheBatch() throws Exception {
    Document doc = parse(render(Fixture.report()));
    Element suite = doc.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals("batchsend", suite.getAttribute("name"));
    assertEquals("4", suite.getAttribute("tests"));
    assertEquals("4", suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("errors"));
    assertEquals("1.000", suite.getAttribute("time"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(4, cases.getLength());
    Element first = (Element) cases.item(0);
    // Attribute values normalise line breaks to spaces; the text keeps everything else.
    assertEquals("#3 multi line item", first.getAttribute("name"));
    Element failure = (Element) first.getElementsByTagName("failure").item(0);
    assertEquals("status: 503", failure.getAttribute("message"));
    Element timeout = (Element) cases.item(1);
    assertEquals("#4 <tag> & \"amp\"", timeout.getAttribute("name"));
    Element control = (Element) cases.item(2);
    assertEquals("#5 ctl\uFFFD\uFFFDchar\uFFFD", control.getAttribute("name"));
    Element batch = (Element) cases.item(3);
    assertEquals("batch", batch.getAttribute("name"));
    assertEquals(1, batch.getElementsByTagName("failure").getLength());
    Map<String, String> props = properties(doc);
    assertEquals("10", props.get("total"));
    assertEquals("3", props.get("failed"));
    assertEquals("1", props.get("exit_code"));
    assertEquals("0", props.get("failures_omitted"));
  }

  @Test
  void batchCasePassesWhenFailuresAreWithinTheLimitAndFailedItemsPastTheCapAreCounted()
      throws Exception {
    RunStats stats = new RunStats(2);
    for (int i = 1; i <= 5; i++) {
      stats.accept(
          Fixture.failed(i, "x" + i, 503, 1, 1000, new Failure(FailureKind.STATUS, "503"), i));
    }
    RunReport r = stats.report(stats.snapshot(0, 0, 1000), Fixture.T0, Fixture.T0, 0, Map.of());
    Document doc = parse(render(r));
    assertEquals("3", doc.getDocumentElement().getAttribute("tests"));
    // Exit 0: the failures were within --max-failures, listed as skipped, not failed.
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    assertEquals("2", doc.getDocumentElement().getAttribute("skipped"));
    assertEquals("3", properties(doc).get("failures_omitted"));
    Element batch = (Element) doc.getElementsByTagName("testcase").item(2);
    assertEquals(0, batch.getElementsByTagName("failure").getLength());
  }

  @Test
  void interruptedRunIsAnErrorOfTheBatchCase() throws Exception {
    RunStats stats = new RunStats();
    stats.accept(Fixture.ok(1, "a", 200, 1000, 1));
    RunReport r = stats.report(stats.snapshot(0, 3, 1000), Fixture.T0, Fixture.T0, 130, Map.of());
    Document doc = parse(render(r));
    assertEquals("1", doc.getDocumentElement().getAttribute("errors"));
    assertEquals(1, doc.getElementsByTagName("error").getLength());
  }
}
