package io.batchsend.report;

import io.batchsend.config.ExitCodes;
import io.batchsend.engine.ItemResult;
import io.batchsend.log.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --junit}: a JUnit XML report that Jenkins, GitLab and GitHub render. One {@code <testsuite
 * name="batchsend">} with the run's totals as properties; one failing {@code <testcase>} per failed
 * item (up to the number {@link RunStats} keeps; the rest are counted in the {@code
 * failures_omitted} property); and one test case {@code batch} that fails when the run's exit code
 * is 1 (failures past the threshold) and is an error for any other non-zero exit code.
 *
 * <p>The report agrees with the exit code: when the run exits 0 with failures within {@code
 * --max-failures}, the failed items are {@code <skipped>} test cases whose message says they were
 * tolerated, so a CI test reporter does not go red on a green job, and the items stay listed.
 *
 * <p>Written through the JDK's {@link XMLStreamWriter} so that escaping is right; characters XML
 * cannot hold become U+FFFD.
 */
final class JunitXml implements ReportFormat {
  private static final String SUITE = "batchsend";

  @Override
  public void write(RunReport r, OutputStream out) throws IOException {
    try {
      XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      write(r, w);
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write XML: " + e.getMessage(), e);
    }
  }

  private static void write(RunReport r, XMLStreamWriter w) throws XMLStreamException {
    Summary s = r.summary();
    boolean batchFailed = r.exitCode() == ExitCodes.FAILURES;
    boolean batchError = r.exitCode() != ExitCodes.OK && !batchFailed;
    // Exit 0 with failed items: the failures were within --max-failures.
    boolean tolerated = r.exitCode() == ExitCodes.OK;
    long itemFailures = tolerated ? 0 : r.failures().size();
    long itemsSkipped = tolerated ? r.failures().size() : 0;
    w.writeStartDocument("UTF-8", "1.0");
    w.writeCharacters("\n");
    w.writeStartElement("testsuite");
    w.writeAttribute("name", SUITE);
    w.writeAttribute("tests", Long.toString(r.failures().size() + 1L));
    w.writeAttribute("failures", Long.toString(itemFailures + (batchFailed ? 1L : 0L)));
    w.writeAttribute("errors", batchError ? "1" : "0");
    w.writeAttribute("skipped", Long.toString(itemsSkipped));
    w.writeAttribute("time", decimal(s.wallSeconds()));
    // The Ant schema's timestamp has no zone; it is UTC, as the "started" property says.
    w.writeAttribute("timestamp", Timestamps.format(r.startedEpochMillis()).substring(0, 19));
    indent(w, 1);
    w.writeStartElement("properties");
    property(w, "total", s.total());
    property(w, "ok", s.ok());
    property(w, "failed", s.failed());
    property(w, "skipped", s.skipped());
    property(w, "not_sent", s.notSent());
    property(w, "failures_omitted", r.failuresOmitted());
    property(w, "failures_tolerated", tolerated ? s.failed() : 0);
    property(w, "exit_code", r.exitCode());
    property(w, "started", Timestamps.format(r.startedEpochMillis()));
    property(w, "finished", Timestamps.format(r.finishedEpochMillis()));
    property(w, "rps", decimal(s.requestsPerSecond()));
    Latency l = s.latency();
    property(w, "latency_p50_ms", decimal(l.p50()));
    property(w, "latency_p99_ms", decimal(l.p99()));
    property(w, "latency_max_ms", decimal(l.max()));
    indent(w, 1);
    w.writeEndElement();
    for (ItemResult x : r.failures()) {
      indent(w, 1);
      w.writeStartElement("testcase");
      w.writeAttribute("classname", SUITE + ".items");
      w.writeAttribute("name", SafeText.xml("#" + x.item().index() + " " + x.item().text()));
      w.writeAttribute("time", decimal(x.millis() / 1000));
      indent(w, 2);
      if (tolerated) {
        w.writeStartElement("skipped");
        w.writeAttribute(
            "message", SafeText.xml("failed, within " + limit(r) + ": " + x.failure().describe()));
      } else {
        w.writeStartElement("failure");
        w.writeAttribute("message", SafeText.xml(x.failure().describe()));
        w.writeAttribute("type", SafeText.xml(x.failure().word()));
      }
      w.writeCharacters(SafeText.xml(detail(x)));
      w.writeEndElement();
      indent(w, 1);
      w.writeEndElement();
    }
    indent(w, 1);
    w.writeStartElement("testcase");
    w.writeAttribute("classname", SUITE);
    w.writeAttribute("name", "batch");
    w.writeAttribute("time", decimal(s.wallSeconds()));
    if (batchFailed || batchError) {
      indent(w, 2);
      w.writeStartElement(batchFailed ? "failure" : "error");
      String message =
          batchFailed
              ? String.format(
                  Locale.ROOT,
                  "%d of %d items failed, past the limit: exit code 1",
                  s.failed(),
                  s.total())
              : "the run did not complete: exit code " + r.exitCode();
      w.writeAttribute("message", message);
      w.writeAttribute("type", batchFailed ? "failures" : "exit");
      w.writeEndElement();
      indent(w, 1);
    } else if (tolerated && s.failed() > 0) {
      indent(w, 2);
      w.writeStartElement("system-out");
      w.writeCharacters(
          String.format(
              Locale.ROOT,
              "%d of %d items failed, within %s: exit code 0",
              s.failed(),
              s.total(),
              limit(r)));
      w.writeEndElement();
      indent(w, 1);
    }
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndElement();
    w.writeCharacters("\n");
    w.writeEndDocument();
  }

  /** {@code --max-failures=25%}, or the option's name when the report does not know its value. */
  private static String limit(RunReport r) {
    Object value = r.options().get("max_failures");
    return value == null ? "--max-failures" : "--max-failures=" + value;
  }

  private static String detail(ItemResult x) {
    return String.format(
        Locale.ROOT,
        "%s %s\nstatus %s, %d attempt%s, %.2f ms, finished %s",
        x.method(),
        x.displayUrl(),
        x.hasStatus() ? Integer.toString(x.status()) : "none",
        x.attempts(),
        x.attempts() == 1 ? "" : "s",
        x.millis(),
        Timestamps.format(x.finishedEpochMillis()));
  }

  private static void property(XMLStreamWriter w, String name, Object value)
      throws XMLStreamException {
    indent(w, 2);
    w.writeEmptyElement("property");
    w.writeAttribute("name", name);
    w.writeAttribute("value", value.toString());
  }

  private static void indent(XMLStreamWriter w, int depth) throws XMLStreamException {
    w.writeCharacters("\n" + "  ".repeat(depth));
  }

  private static String decimal(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
