package io.batchsend.log;

import io.batchsend.engine.ItemResult;

/**
 * The contract's record as RFC 4180 CSV: the JSON Lines fields as columns, an empty cell for null,
 * records ended by CRLF. A cell holding a quote, comma, CR or LF is quoted, its quotes doubled, so
 * an item may span physical lines and still be one record. Written by hand because it runs once per
 * item on the hot path.
 */
public final class CsvRecordFormat implements RecordFormat {
  private final Timestamps.Writer timestamps = new Timestamps.Writer();

  /** The column names, in order. */
  public static final String COLUMNS = "ts,index,item,method,url,status,ok,attempts,ms,bytes,error";

  /** RFC 4180 ends each record, the header included, with CRLF. */
  static final String EOL = "\r\n";

  @Override
  public void append(ItemResult r, StringBuilder out) {
    timestamps.append(r.finishedEpochMillis(), out);
    out.append(',').append(r.item().index()).append(',');
    cell(r.item().text(), out);
    out.append(',');
    cell(r.method(), out);
    out.append(',');
    cell(r.displayUrl(), out);
    out.append(',');
    if (r.hasStatus()) {
      out.append(r.status());
    }
    out.append(',').append(r.ok());
    out.append(',').append(r.attempts()).append(',');
    Millis.append(r.nanos(), out);
    out.append(',').append(r.bytes()).append(',');
    if (r.failure() != null) {
      cell(r.failure().describe(), out);
    }
    out.append(EOL);
  }

  @Override
  public String header() {
    return COLUMNS + EOL;
  }

  /** Appends {@code value} as one cell, quoted only when it must be. */
  static void cell(String value, StringBuilder out) {
    if (!needsQuotes(value)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == ',' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
