package io.batchsend.report;

import io.batchsend.config.ExitCodes;
import io.batchsend.engine.ItemResult;
import io.batchsend.log.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --html}: one self-contained HTML page, well-formed as XML, readable without JavaScript:
 * headline figures, latency over time and a latency histogram as inline SVG, status and error
 * tables, the slowest and the first failed items.
 *
 * <p>It references nothing outside itself: no scripts, stylesheets or fonts, and not even an {@code
 * xmlns} (HTML parsers place inline SVG in its namespace on their own). So that the file holds no
 * {@code http://} or {@code https://} at all, the colon of a {@code ://} in data (URLs, items) is
 * written as the character reference {@code &#58;}, which reads and copies the same.
 */
final class HtmlReport implements ReportFormat {
  /** Items in the "failed" table; the "slowest" one lists {@link RunReport#SLOWEST_LISTED}. */
  static final int FAILURES_LISTED = 100;

  /**
   * When the time from the first start to the last finish exceeds the summary's time by more than
   * this, the summary's is the active time of {@code batchsend report} (see {@link ActiveTime}) and
   * the page says so; a live run's two differ by the milliseconds of its start-up.
   */
  private static final double IDLE_SHOWN_SECONDS = 1;

  private static final int CHART_WIDTH = 720;
  private static final int CHART_HEIGHT = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 14;
  private static final int BOTTOM = 34;

  /** No {@code >} or {@code &} in here: the XML writer would escape them, and CSS would break. */
  private static final String STYLE =
      String.join(
          "\n",
          "",
          "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;"
              + "margin:2em auto;max-width:72em;padding:0 1em;line-height:1.4}",
          "h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #d0d7de}",
          "table{border-collapse:collapse;margin:.5em 0}",
          "th,td{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}",
          "th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}",
          "td.t{font-family:ui-monospace,monospace;word-break:break-all;max-width:36em}",
          ".verdict{font-size:1.2em;font-weight:600}.ok{color:#1a7f37}.bad{color:#cf222e}",
          ".figures{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}",
          ".figure{border:1px solid #d0d7de;border-radius:6px;padding:.5em 1em;min-width:7em}",
          ".figure span{display:block;color:#59636e;font-size:.85em}",
          ".figure b{display:block;font-size:1.5em;font-variant-numeric:tabular-nums}",
          "svg{max-width:100%;height:auto}svg text{font-size:11px;fill:#59636e}",
          ".muted{color:#59636e}",
          "");

  @Override
  public void write(RunReport r, OutputStream out) throws IOException {
    try {
      XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      new Page(w).write(r);
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write HTML: " + e.getMessage(), e);
    }
  }

  /** One page being written. */
  private static final class Page {
    private final XMLStreamWriter w;

    Page(XMLStreamWriter w) {
      this.w = w;
    }

    void write(RunReport r) throws XMLStreamException {
      Summary s = r.summary();
      w.writeDTD("<!DOCTYPE html>");
      w.writeCharacters("\n");
      w.writeStartElement("html");
      w.writeAttribute("lang", "en");
      w.writeStartElement("head");
      w.writeEmptyElement("meta");
      w.writeAttribute("charset", "utf-8");
      w.writeEmptyElement("meta");
      w.writeAttribute("name", "viewport");
      w.writeAttribute("content", "width=device-width, initial-scale=1");
      element(
          "title",
          String.format(
              Locale.ROOT, "batchsend report: %d items, %d failed", s.total(), s.failed()));
      element("style", STYLE);
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeStartElement("body");
      heading("h1", "batchsend report");
      paragraph(
          "muted",
          "Started "
              + Timestamps.format(r.startedEpochMillis())
              + ", finished "
              + Timestamps.format(r.finishedEpochMillis())
              + " (UTC).");
      verdict(r);
      figures(r);
      latency(s.latency());
      timeline(r);
      histogram(r.histogram());
      counts("Status codes", "status", s.statuses(), s.sent());
      counts("Errors", "error kind", s.errors(), s.failed());
      slowest(r.slowest(), s.latency().count());
      failures(r);
      options(r.options());
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
    }

    private void verdict(RunReport r) throws XMLStreamException {
      Summary s = r.summary();
      String text =
          switch (r.exitCode()) {
            case ExitCodes.OK ->
                s.failed() == 0
                    ? "Every item succeeded."
                    : countOf(s.failed()) + " failed, within the allowed number.";
            case ExitCodes.FAILURES -> countOf(s.failed()) + " failed, past the allowed number.";
            default -> "The run did not complete.";
          };
      paragraph(
          "verdict " + (r.exitCode() == ExitCodes.OK ? "ok" : "bad"),
          text + " Exit code " + r.exitCode() + ".");
    }

    private void figures(RunReport r) throws XMLStreamException {
      Summary s = r.summary();
      w.writeStartElement("div");
      w.writeAttribute("class", "figures");
      figure("items", Long.toString(s.total()));
      figure("ok", Long.toString(s.ok()));
      figure("failed", Long.toString(s.failed()));
      figure("skipped", Long.toString(s.skipped()));
      figure("not sent", Long.toString(s.notSent()));
      double span = (r.finishedEpochMillis() - r.startedEpochMillis()) / 1000.0;
      boolean idle = span - s.wallSeconds() > IDLE_SHOWN_SECONDS;
      figure(idle ? "active time" : "wall time", format("%.2f s", s.wallSeconds()));
      figure("throughput", format("%.1f req/s", s.requestsPerSecond()));
      figure("received", ConsoleSummary.bytes(r.bytes()));
      endBlock();
      if (idle) {
        paragraph(
            "muted",
            format(
                "Time and throughput count the %.2f s in which items were in flight, not the %.2f s"
                    + " from the first start to the last finish, which hold idle stretches (such as"
                    + " the time between merged runs).",
                s.wallSeconds(), span));
      }
    }

    private void figure(String label, String value) throws XMLStreamException {
      w.writeStartElement("div");
      w.writeAttribute("class", "figure");
      element("span", label);
      element("b", value);
      w.writeEndElement();
    }

    private void latency(Latency l) throws XMLStreamException {
      heading("h2", "Latency (ms)");
      if (l.count() == 0) {
        paragraph("muted", "No request was sent.");
        return;
      }
      String[] names = {"min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"};
      double[] values = {l.min(), l.mean(), l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max()};
      w.writeStartElement("table");
      w.writeStartElement("tr");
      for (String name : names) {
        cell("th", "n", name);
      }
      endBlock();
      w.writeStartElement("tr");
      for (double v : values) {
        cell("td", "n", format("%.2f", v));
      }
      endBlock();
      endBlock();
    }

    private void timeline(RunReport r) throws XMLStreamException {
      List<TimelinePoint> points = r.timeline();
      if (points.isEmpty()) {
        return;
      }
      heading("h2", "Latency over time");
      paragraph(
          "muted",
          format(
              "p50 and p99 latency of the items that finished in each %s s, from the first"
                  + " request's start. A gap is time in which no item finished.",
              trim(r.timelineSlotSeconds())));
      double slot = r.timelineSlotSeconds();
      double xMax = points.get(points.size() - 1).startSeconds() + slot;
      double yMax = niceCeil(points.stream().mapToDouble(TimelinePoint::p99Ms).max().orElse(1));
      startChart("latency over time");
      axes(yMax, "ms");
      for (int i = 0; i <= 4; i++) {
        double t = xMax * i / 4;
        text(x(t, xMax), CHART_HEIGHT - BOTTOM + 16, "middle", trim(round2(t)) + " s");
      }
      line(points, slot, xMax, yMax, true, "#cf222e");
      line(points, slot, xMax, yMax, false, "#0969da");
      legend(LEFT + 10, TOP + 4, "#cf222e", "p99");
      legend(LEFT + 70, TOP + 4, "#0969da", "p50");
      endBlock();
    }

    /**
     * One percentile's line: a subpath for each stretch of consecutive slots with finished items,
     * and a dot for a slot alone. A slot in which nothing finished is a gap, never bridged: a line
     * across it would show latencies nobody measured (an idle stretch, or the time between two runs
     * that {@code batchsend report} merges).
     */
    private void line(
        List<TimelinePoint> points, double slot, double xMax, double yMax, boolean p99, String c)
        throws XMLStreamException {
      StringBuilder d = new StringBuilder();
      int from = 0;
      while (from < points.size()) {
        int to = from + 1;
        while (to < points.size() && adjacent(points.get(to - 1), points.get(to), slot)) {
          to++;
        }
        if (to - from == 1) {
          TimelinePoint p = points.get(from);
          w.writeEmptyElement("circle");
          w.writeAttribute("class", p99 ? "p99" : "p50");
          w.writeAttribute("cx", format("%.1f", x(p.startSeconds() + slot / 2, xMax)));
          w.writeAttribute("cy", format("%.1f", y(p99 ? p.p99Ms() : p.p50Ms(), yMax)));
          w.writeAttribute("r", "3");
          w.writeAttribute("fill", c);
        } else {
          for (int i = from; i < to; i++) {
            TimelinePoint p = points.get(i);
            d.append(d.isEmpty() ? "" : " ").append(i == from ? 'M' : 'L');
            d.append(
                format(
                    "%.1f,%.1f",
                    x(p.startSeconds() + slot / 2, xMax), y(p99 ? p.p99Ms() : p.p50Ms(), yMax)));
          }
        }
        from = to;
      }
      if (d.isEmpty()) {
        return;
      }
      w.writeEmptyElement("path");
      w.writeAttribute("class", p99 ? "p99" : "p50");
      w.writeAttribute("d", d.toString());
      w.writeAttribute("fill", "none");
      w.writeAttribute("stroke", c);
      w.writeAttribute("stroke-width", "1.5");
    }

    /** Whether {@code b} is the slot right after {@code a}. */
    private static boolean adjacent(TimelinePoint a, TimelinePoint b, double slot) {
      return Math.round((b.startSeconds() - a.startSeconds()) / slot) == 1;
    }

    /**
     * The histogram as bars of equal width, labelled at their bounds (each bound once), then the
     * same bars as a table of ranges. The bounds grow with latency for a long tail (see {@link
     * HistogramBar#of}), so equal widths make the axis logarithmic there.
     */
    private void histogram(List<HistogramBar> bars) throws XMLStreamException {
      if (bars.isEmpty()) {
        return;
      }
      heading("h2", "Latency histogram");
      paragraph(
          "muted",
          "Items by latency range, in ms. When the slowest item took more than 4 times the"
              + " fastest, the ranges grow with latency (1, 2, 5, 10 ... or finer) so that a long"
              + " tail and the bulk both show.");
      long most = bars.stream().mapToLong(HistogramBar::count).max().orElse(1);
      startChart("latency histogram");
      axes(most, "");
      double plotWidth = CHART_WIDTH - LEFT - RIGHT;
      double barWidth = plotWidth / bars.size();
      for (int i = 0; i < bars.size(); i++) {
        HistogramBar b = bars.get(i);
        double h = (CHART_HEIGHT - TOP - BOTTOM) * (double) b.count() / most;
        if (b.count() > 0) {
          h = Math.max(h, 1); // a bar of a few items among thousands still shows
        }
        double x0 = LEFT + i * barWidth;
        w.writeStartElement("rect");
        w.writeAttribute("x", format("%.1f", x0 + 2));
        w.writeAttribute("y", format("%.1f", CHART_HEIGHT - BOTTOM - h));
        w.writeAttribute("width", format("%.1f", barWidth - 4));
        w.writeAttribute("height", format("%.1f", h));
        w.writeAttribute("fill", "#0969da");
        element("title", countOf(b.count()) + ", " + b.range() + " ms");
        w.writeEndElement();
        text(x0, CHART_HEIGHT - BOTTOM + 16, "middle", HistogramBar.ms(b.fromMicros()));
      }
      HistogramBar last = bars.get(bars.size() - 1);
      text(
          LEFT + plotWidth,
          CHART_HEIGHT - BOTTOM + 16,
          "middle",
          HistogramBar.ms(last.upToMicros()));
      endBlock();
      w.writeStartElement("table");
      w.writeAttribute("class", "histogram");
      w.writeStartElement("tr");
      cell("th", "n", "ms");
      cell("th", "n", "items");
      endBlock();
      for (HistogramBar b : bars) {
        w.writeStartElement("tr");
        cell("td", "n", b.range());
        cell("td", "n", Long.toString(b.count()));
        endBlock();
      }
      endBlock();
    }

    private void startChart(String label) throws XMLStreamException {
      w.writeStartElement("svg");
      w.writeAttribute("width", Integer.toString(CHART_WIDTH));
      w.writeAttribute("height", Integer.toString(CHART_HEIGHT));
      w.writeAttribute("viewBox", "0 0 " + CHART_WIDTH + " " + CHART_HEIGHT);
      w.writeAttribute("role", "img");
      w.writeAttribute("aria-label", label);
    }

    /** The two axes, with three labelled ticks on the vertical one. */
    private void axes(double yMax, String unit) throws XMLStreamException {
      int bottom = CHART_HEIGHT - BOTTOM;
      w.writeEmptyElement("path");
      w.writeAttribute("d", "M" + LEFT + " " + TOP + " V" + bottom + " H" + (CHART_WIDTH - RIGHT));
      w.writeAttribute("stroke", "#8c959f");
      w.writeAttribute("fill", "none");
      for (int i = 0; i <= 2; i++) {
        double v = yMax * i / 2;
        double y = y(v, yMax);
        text(LEFT - 6, y + 4, "end", trim(round2(v)) + (unit.isEmpty() ? "" : " " + unit));
        if (i > 0) {
          w.writeEmptyElement("path");
          w.writeAttribute("d", format("M%d %.1f H%d", LEFT, y, CHART_WIDTH - RIGHT));
          w.writeAttribute("stroke", "#d0d7de");
          w.writeAttribute("stroke-dasharray", "3 3");
        }
      }
    }

    private void legend(double x, double y, String color, String label) throws XMLStreamException {
      w.writeEmptyElement("rect");
      w.writeAttribute("x", format("%.1f", x));
      w.writeAttribute("y", format("%.1f", y));
      w.writeAttribute("width", "12");
      w.writeAttribute("height", "4");
      w.writeAttribute("fill", color);
      text(x + 16, y + 6, "start", label);
    }

    private void text(double x, double y, String anchor, String s) throws XMLStreamException {
      w.writeStartElement("text");
      w.writeAttribute("x", format("%.1f", x));
      w.writeAttribute("y", format("%.1f", y));
      w.writeAttribute("text-anchor", anchor);
      w.writeCharacters(s);
      w.writeEndElement();
    }

    private static double x(double seconds, double xMax) {
      return LEFT + (CHART_WIDTH - LEFT - RIGHT) * seconds / xMax;
    }

    private static double y(double value, double yMax) {
      return CHART_HEIGHT - BOTTOM - (CHART_HEIGHT - TOP - BOTTOM) * value / yMax;
    }

    private void counts(String title, String what, Map<?, Long> counts, long of)
        throws XMLStreamException {
      if (counts.isEmpty()) {
        return;
      }
      heading("h2", title);
      w.writeStartElement("table");
      w.writeStartElement("tr");
      cell("th", null, what);
      cell("th", "n", "items");
      cell("th", "n", "share");
      endBlock();
      for (Map.Entry<?, Long> e : counts.entrySet()) {
        w.writeStartElement("tr");
        cell("td", null, e.getKey().toString());
        cell("td", "n", e.getValue().toString());
        cell("td", "n", format("%.1f %%", of == 0 ? 0 : 100.0 * e.getValue() / of));
        endBlock();
      }
      endBlock();
    }

    private void slowest(List<ItemResult> slowest, long timed) throws XMLStreamException {
      if (slowest.isEmpty()) {
        return;
      }
      heading("h2", "Slowest " + countOf(slowest.size()));
      String which =
          slowest.size() < timed
              ? format("The %d slowest of %d items sent", slowest.size(), timed)
              : "Every item sent, slowest first";
      paragraph(
          "muted",
          which
              + format(
                  "; the console summary and --summary list the same ones (at most %d),"
                      + " the log has every item's time.",
                  RunReport.SLOWEST_LISTED));
      items(slowest, false);
    }

    private void failures(RunReport r) throws XMLStreamException {
      List<ItemResult> failures = r.failures();
      if (failures.isEmpty()) {
        return;
      }
      heading("h2", "Failed items");
      List<ItemResult> shown = failures.subList(0, Math.min(FAILURES_LISTED, failures.size()));
      long more = r.summary().failed() - shown.size();
      if (more > 0) {
        paragraph(
            "muted",
            format(
                "The first %d of %d; the log has them all.", shown.size(), r.summary().failed()));
      }
      items(shown, true);
    }

    private void items(List<ItemResult> items, boolean withError) throws XMLStreamException {
      w.writeStartElement("table");
      w.writeStartElement("tr");
      cell("th", "n", "#");
      cell("th", null, "item");
      cell("th", "n", "status");
      cell("th", "n", "ms");
      cell("th", "n", "attempts");
      if (withError) {
        cell("th", null, "error");
      }
      cell("th", null, "request");
      endBlock();
      for (ItemResult x : items) {
        w.writeStartElement("tr");
        cell("td", "n", Long.toString(x.item().index()));
        cell("td", "t", ConsoleSummary.escaped(x.item().text()));
        cell("td", "n", x.hasStatus() ? Integer.toString(x.status()) : "-");
        cell("td", "n", format("%.2f", x.millis()));
        cell("td", "n", Integer.toString(x.attempts()));
        if (withError) {
          cell("td", "t", ConsoleSummary.escaped(x.failure().describe()));
        }
        cell("td", "t", x.method() + " " + x.displayUrl());
        endBlock();
      }
      endBlock();
    }

    private void options(Map<String, Object> options) throws XMLStreamException {
      if (options.isEmpty()) {
        return;
      }
      heading("h2", "Options");
      w.writeStartElement("table");
      for (Map.Entry<String, Object> e : options.entrySet()) {
        w.writeStartElement("tr");
        cell("th", null, e.getKey());
        cell("td", "t", String.valueOf(e.getValue()));
        endBlock();
      }
      endBlock();
    }

    private void paragraph(String cssClass, String s) throws XMLStreamException {
      w.writeStartElement("p");
      w.writeAttribute("class", cssClass);
      data(s);
      endBlock();
    }

    /** Ends a block element and the source line, so that the page source reads line by line. */
    private void endBlock() throws XMLStreamException {
      w.writeEndElement();
      w.writeCharacters("\n");
    }

    private void cell(String tag, String cssClass, String s) throws XMLStreamException {
      w.writeStartElement(tag);
      if (cssClass != null) {
        w.writeAttribute("class", cssClass);
      }
      data(s);
      w.writeEndElement();
    }

    private void heading(String tag, String s) throws XMLStreamException {
      w.writeStartElement(tag);
      data(s);
      endBlock();
    }

    private void element(String tag, String s) throws XMLStreamException {
      w.writeStartElement(tag);
      data(s);
      w.writeEndElement();
    }

    /** Text content, made safe for XML, with the colon of every {@code ://} as a reference. */
    private void data(String s) throws XMLStreamException {
      String clean = SafeText.xml(s);
      int from = 0;
      int at;
      while ((at = clean.indexOf("://", from)) >= 0) {
        w.writeCharacters(clean.substring(from, at));
        w.writeEntityRef("#58");
        from = at + 1;
      }
      w.writeCharacters(clean.substring(from));
    }
  }

  /** The smallest of 1, 2, 5 × a power of ten that is at least {@code v}. */
  static double niceCeil(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= v) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String countOf(long n) {
    return n == 1 ? "1 item" : n + " items";
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A number without a trailing {@code .0}. */
  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
