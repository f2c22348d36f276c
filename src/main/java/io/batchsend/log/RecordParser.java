package io.batchsend.log;

import java.io.IOException;

/** Reads the records of one log file in order; one format's half of its codec. */
interface RecordParser {
  /**
   * The next record, or null at the end.
   *
   * @throws BadRecord when the next record cannot be read; the parser may go on after it
   */
  LogRecord next() throws IOException, BadRecord;

  /** A record that could not be read. */
  final class BadRecord extends Exception {
    private static final long serialVersionUID = 1L;

    /** The 1-based line where the record starts. */
    final long line;

    /** True when the record looks cut short, as a crash tears it. */
    final boolean cutShort;

    /** True when the parser cannot go on after this record (a CSV quote left open). */
    final boolean fatal;

    BadRecord(long line, String reason, boolean cutShort, boolean fatal) {
      super(reason);
      this.line = line;
      this.cutShort = cutShort;
      this.fatal = fatal;
    }
  }
}
