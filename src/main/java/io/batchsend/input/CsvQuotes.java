package io.batchsend.input;

/**
 * Follows RFC 4180 quoting along the physical lines of one CSV record, to tell whether a line break
 * ends the record or lies inside a quoted field. It agrees with Commons CSV on where fields start
 * and end, so each record's text can then be parsed on its own.
 */
final class CsvQuotes {
  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    AFTER_QUOTE
  }

  private State state = State.FIELD_START;
  private String problem;

  /** Starts a new record. */
  void reset() {
    state = State.FIELD_START;
    problem = null;
  }

  /**
   * Reads the next physical line of the record, without its line break.
   *
   * @return true when a quoted field is open at the end of the line, so the record goes on
   */
  boolean continuesAfter(String line) {
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == '\r' && state != State.QUOTED) {
        // Commons CSV would end the record here; the contract ends lines at \n only.
        fail("carriage return outside quotes");
        continue;
      }
      switch (state) {
        case FIELD_START ->
            state = c == ',' ? State.FIELD_START : c == '"' ? State.QUOTED : State.UNQUOTED;
        case UNQUOTED -> state = c == ',' ? State.FIELD_START : State.UNQUOTED;
        case QUOTED -> {
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              i++; // an escaped quote
            } else {
              state = State.AFTER_QUOTE;
            }
          }
        }
        case AFTER_QUOTE -> {
          if (c == ',') {
            state = State.FIELD_START;
          } else if (!Character.isWhitespace(c)) {
            fail(
                "malformed quote: text after the closing quote of a field"
                    + " (a quote inside a quoted field is written as two quotes)");
          }
        }
      }
    }
    if (state == State.QUOTED) {
      return true;
    }
    state = State.FIELD_START;
    return false;
  }

  /** What is wrong with the record read so far, or null. */
  String problem() {
    return problem;
  }

  private void fail(String reason) {
    if (problem == null) {
      problem = reason;
    }
  }
}
