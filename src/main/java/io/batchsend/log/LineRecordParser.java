package io.batchsend.log;

import java.io.BufferedReader;
import java.io.IOException;

/** A parser for formats with one record per line (JSON Lines, text); blank lines are skipped. */
abstract class LineRecordParser implements RecordParser {
  private final BufferedReader in;
  private long lineNo;

  LineRecordParser(BufferedReader in) {
    this.in = in;
  }

  @Override
  public final LogRecord next() throws IOException, BadRecord {
    String line;
    do {
      line = in.readLine();
      lineNo++;
      if (line == null) {
        return null;
      }
    } while (line.isBlank());
    try {
      return parse(line);
    } catch (IllegalArgumentException e) {
      boolean cutShort = e instanceof CutShort || looksCutShort(line);
      throw new BadRecord(lineNo, e.getMessage(), cutShort, false);
    }
  }

  /** Thrown by {@link #parse} for a record that ends before it is complete. */
  static final class CutShort extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    CutShort(String reason) {
      super(reason);
    }
  }

  /**
   * Reads one line's record.
   *
   * @throws IllegalArgumentException when it is not a record
   */
  abstract LogRecord parse(String line);

  /** Whether {@code line}, which is not a record, looks like one cut short by a crash. */
  boolean looksCutShort(String line) {
    return false;
  }
}
