package io.batchsend.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchsend.engine.AdaptiveFigures;
import io.batchsend.engine.ItemResult;
import io.batchsend.engine.RateFigures;
import io.batchsend.log.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code --summary}: the contract's JSON summary, schema version 1, plus the options of the run and
 * short lists of the slowest and the first failed items. Field names and order are the contract's;
 * times are UTC ISO-8601, durations in seconds or milliseconds with three decimals.
 */
final class SummaryJson implements ReportFormat {
  static final int VERSION = 1;

  /** Items in the "slowest" and "failures" lists: as many as every report lists as slowest. */
  static final int LISTED = RunReport.SLOWEST_LISTED;

  private final ObjectMapper json =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Override
  public void write(RunReport r, OutputStream out) throws IOException {
    json.writeValue(out, tree(r));
    out.write('\n');
  }

  ObjectNode tree(RunReport r) {
    Summary s = r.summary();
    ObjectNode root = json.createObjectNode();
    root.put("version", VERSION);
    root.put("total", s.total());
    root.put("ok", s.ok());
    root.put("failed", s.failed());
    root.put("skipped", s.skipped());
    root.put("not_sent", s.notSent());
    if (s.unwritten() != null) {
      // Only after a log write failure: how many of ok + failed are not in the log, and where.
      root.put("unwritten", s.unwritten().count());
      root.put("unwritten_to", SafeText.unicode(s.unwritten().place()));
    }
    root.put("wall_s", round(s.wallSeconds()));
    root.put("rps", round(s.requestsPerSecond()));
    root.put("exit_code", r.exitCode());
    root.put("started", Timestamps.format(r.startedEpochMillis()));
    root.put("finished", Timestamps.format(r.finishedEpochMillis()));
    ObjectNode status = root.putObject("status");
    s.statuses().forEach((code, n) -> status.put(Integer.toString(code), n));
    ObjectNode errors = root.putObject("errors");
    s.errors().forEach(errors::put);
    Latency l = s.latency();
    ObjectNode latency = root.putObject("latency_ms");
    latency.put("min", round(l.min()));
    latency.put("mean", round(l.mean()));
    latency.put("p50", round(l.p50()));
    latency.put("p90", round(l.p90()));
    latency.put("p95", round(l.p95()));
    latency.put("p99", round(l.p99()));
    latency.put("p999", round(l.p999()));
    latency.put("max", round(l.max()));
    if (s.adaptive() != null) {
      AdaptiveFigures a = s.adaptive();
      ObjectNode adaptive = root.putObject("adaptive");
      adaptive.put("limit_min", a.minLimit());
      adaptive.put("limit_mean", round(a.meanLimit()));
      adaptive.put("limit_max", a.maxLimit());
      adaptive.put("paused_s", round(a.pausedSeconds()));
      adaptive.put("responses_429", a.tooManyRequests());
      adaptive.put("responses_503", a.unavailable());
      RateFigures rate = a.rate();
      adaptive.put("limited_by", rate.limitedBy().label());
      rateField(adaptive, "rate_min_per_s", rate.minPerSecond());
      rateField(adaptive, "rate_mean_per_s", rate.meanPerSecond());
      rateField(adaptive, "rate_max_per_s", rate.maxPerSecond());
      rateField(adaptive, "rate_final_per_s", rate.finalPerSecond());
    }
    root.set("options", json.valueToTree(r.options()));
    items(root.putArray("slowest"), r.slowest());
    items(root.putArray("failures"), r.failures());
    return root;
  }

  /** A learned rate, or null when no rate was learned. */
  private static void rateField(ObjectNode node, String name, double perSecond) {
    if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
      node.putNull(name);
    } else {
      node.put(name, round(perSecond));
    }
  }

  private static void items(ArrayNode array, List<ItemResult> results) {
    for (ItemResult x : results.subList(0, Math.min(LISTED, results.size()))) {
      ObjectNode item = array.addObject();
      item.put("index", x.item().index());
      item.put("item", SafeText.unicode(x.item().text()));
      item.put("method", x.method());
      item.put("url", SafeText.unicode(x.displayUrl()));
      if (x.hasStatus()) {
        item.put("status", x.status());
      } else {
        item.putNull("status");
      }
      item.put("attempts", x.attempts());
      item.put("ms", round(x.millis()));
      item.put("error", x.failure() == null ? null : SafeText.unicode(x.failure().describe()));
      item.put("ts", Timestamps.format(x.finishedEpochMillis()));
    }
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
