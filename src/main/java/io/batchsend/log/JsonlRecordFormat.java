package io.batchsend.log;

import io.batchsend.engine.ItemResult;
import io.batchsend.template.Encoding;

/**
 * The contract's JSON Lines record: {@code ts, index, item, method, url, status, ok, attempts, ms,
 * bytes, error}, in that order. Written by hand rather than through a JSON library because it runs
 * once per item on the hot path and its shape never varies.
 */
public final class JsonlRecordFormat implements RecordFormat {
  private final Timestamps.Writer timestamps = new Timestamps.Writer();

  @Override
  public void append(ItemResult r, StringBuilder out) {
    out.append("{\"ts\":\"");
    timestamps.append(r.finishedEpochMillis(), out);
    out.append("\",\"index\":").append(r.item().index());
    out.append(",\"item\":");
    Encoding.jsonString(r.item().text(), out);
    out.append(",\"method\":");
    Encoding.jsonString(r.method(), out);
    out.append(",\"url\":");
    Encoding.jsonString(r.displayUrl(), out);
    out.append(",\"status\":");
    if (r.hasStatus()) {
      out.append(r.status());
    } else {
      out.append("null");
    }
    out.append(",\"ok\":").append(r.ok());
    out.append(",\"attempts\":").append(r.attempts());
    out.append(",\"ms\":");
    Millis.append(r.nanos(), out);
    out.append(",\"bytes\":").append(r.bytes());
    out.append(",\"error\":");
    Encoding.jsonString(r.failure() == null ? null : r.failure().describe(), out);
    out.append("}\n");
  }
}
