package io.batchsend.log;

import io.batchsend.config.LogFormat;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.ItemResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The contract's record as RFC 4180 CSV: the JSON Lines fields as columns, an empty cell for null,
 * records ended by CRLF. A cell holding a quote, comma, CR or LF is quoted, its quotes doubled, so
 * an item may span physical lines and still be one record. Written by hand because it runs once per
 * item on the hot path; read back through Commons CSV, the columns found by name in the header.
 */
public final class CsvRecordFormat implements RecordFormat {
  /** The column names, in order. */
  public static final String COLUMNS = String.join(",", LogRecord.FIELDS);

  /** RFC 4180 ends each record, the header included, with CRLF. */
  static final String EOL = "\r\n";

  private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

  private final Timestamps.Writer timestamps = new Timestamps.Writer();

  /** The request cell and the record's end, ready to append; null for a reading codec. */
  private final String requestCell;

  public CsvRecordFormat(RequestFingerprint request) {
    this.requestCell = request == null ? null : "," + request.text() + EOL;
  }

  @Override
  public LogFormat kind() {
    return LogFormat.CSV;
  }

  @Override
  public void append(ItemResult r, StringBuilder out) {
    if (requestCell == null) {
      throw new IllegalStateException("a codec made for reading writes no records");
    }
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
    out.append(requestCell);
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

  /**
   * How to end a log whose last record may be torn, given the bytes from the start of that record
   * to the end of the file: an odd number of quotes means a quoted cell was left open, and it is
   * closed so that it cannot swallow the records appended after it. Our writer never puts a quote
   * in an unquoted cell, so the parity tells. Returns the text to append, empty when none.
   */
  static String repairTail(byte[] lastRecord) {
    int quotes = 0;
    for (byte b : lastRecord) {
      if (b == '"') {
        quotes++;
      }
    }
    if (quotes % 2 == 1) {
      return "\"" + EOL;
    }
    int n = lastRecord.length;
    return n == 0 || lastRecord[n - 1] == '\n' ? "" : EOL;
  }

  @Override
  public RecordParser parser(BufferedReader in) throws IOException {
    return new Parser(READ.parse(in));
  }

  /** Reads records through Commons CSV, the columns taken by name from the header. */
  private static final class Parser implements RecordParser {
    private final CSVParser csv;
    private final Iterator<CSVRecord> records;
    private int[] columns;
    private int headerSize;
    private boolean done;

    Parser(CSVParser csv) {
      this.csv = csv;
      this.records = csv.iterator();
    }

    @Override
    public LogRecord next() throws IOException, BadRecord {
      if (done) {
        return null;
      }
      long line = csv.getCurrentLineNumber() + 1;
      CSVRecord row;
      try {
        if (!records.hasNext()) {
          return null;
        }
        row = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        // Commons CSV cannot go on past a quote left open: only a torn last record leaves one.
        done = true;
        throw new BadRecord(line, "record cut short inside a quoted cell", true, true);
      }
      if (columns == null) {
        readHeader(row, line);
        return next();
      }
      List<String> cells = row.toList();
      if (cells.size() < headerSize) {
        throw new BadRecord(line, "record cut short", true, false);
      }
      try {
        return fromCsv(cells);
      } catch (IllegalArgumentException e) {
        // A record torn inside its last cell, the request, has every cell but a short last one.
        boolean tornRequest = columns[11] == cells.size() - 1 && e instanceof BadRequestCell;
        throw new BadRecord(line, e.getMessage(), tornRequest, false);
      }
    }

    private void readHeader(CSVRecord header, long line) throws BadRecord {
      int[] positions = new int[LogRecord.FIELDS.size()];
      java.util.Arrays.fill(positions, -1);
      for (int i = 0; i < header.size(); i++) {
        int column = LogRecord.FIELDS.indexOf(header.get(i).strip());
        if (column >= 0) {
          positions[column] = i;
        }
      }
      for (int i = 0; i < 11; i++) {
        if (positions[i] < 0) {
          done = true;
          throw new BadRecord(
              line, "not a request log: a CSV log starts with the header " + COLUMNS, false, true);
        }
      }
      // A log begun before the request column existed keeps its header; records appended since
      // carry the request as one cell more.
      if (positions[11] < 0) {
        positions[11] = header.size();
      }
      headerSize = header.size();
      columns = positions;
    }

    private LogRecord fromCsv(List<String> cells) {
      String status = cells.get(columns[5]);
      String error = cells.get(columns[10]);
      String request = columns[11] < cells.size() ? cells.get(columns[11]) : null;
      if (request != null && !RequestFingerprint.isFingerprint(request)) {
        throw new BadRequestCell(request);
      }
      return new LogRecord(
          Timestamps.parse(cells.get(columns[0])),
          LogRecord.parseLong("index", cells.get(columns[1])),
          cells.get(columns[2]),
          cells.get(columns[3]),
          cells.get(columns[4]),
          status.isEmpty() ? Attempt.NO_STATUS : (int) LogRecord.parseLong("status", status),
          LogRecord.parseBoolean("ok", cells.get(columns[6])),
          (int) LogRecord.parseLong("attempts", cells.get(columns[7])),
          LogRecord.parseDouble("ms", cells.get(columns[8])),
          LogRecord.parseLong("bytes", cells.get(columns[9])),
          error.isEmpty() ? null : error,
          request == null ? null : new RequestFingerprint(request));
    }
  }

  /** A request cell without a fingerprint's shape. */
  private static final class BadRequestCell extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadRequestCell(String cell) {
      super("request is not a request fingerprint: " + cell);
    }
  }
}
