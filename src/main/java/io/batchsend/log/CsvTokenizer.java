package io.batchsend.log;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV into records of cells, tracking physical line numbers so that errors can name
 * the line where a record starts. Records end at LF or CRLF; quoted cells may span lines.
 */
final class CsvTokenizer {
  /**
   * One record as read.
   *
   * @param cells the cells, unquoted
   * @param line the 1-based physical line where the record starts
   * @param problem why the record is malformed, or null
   */
  record Row(List<String> cells, long line, String problem) {}

  private final Reader in;
  private long line = 1;
  private int peeked = -2;

  CsvTokenizer(Reader in) {
    this.in = in;
  }

  /** The next record, or null at the end of input. */
  Row next() throws IOException {
    long start = line;
    int c = read();
    if (c == -1) {
      return null;
    }
    List<String> cells = new ArrayList<>(11);
    StringBuilder cell = new StringBuilder();
    String problem = null;
    boolean quoted = false;
    boolean afterQuote = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          cells.add(cell.toString());
          return new Row(cells, start, "unterminated quoted cell");
        }
        if (c == '"') {
          if (peek() == '"') {
            read();
            cell.append('"');
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          cell.append((char) c);
        }
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        afterQuote = false;
      } else if (c == '\n' || c == -1 || c == '\r' && peek() == '\n') {
        if (c == '\r') {
          read();
        }
        cells.add(cell.toString());
        return new Row(cells, start, problem);
      } else if (c == '"' && cell.isEmpty() && !afterQuote) {
        quoted = true;
      } else {
        if (problem == null && (afterQuote || c == '"')) {
          problem = "a quote inside a cell must be doubled and the cell quoted";
        }
        cell.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    int c;
    if (peeked != -2) {
      c = peeked;
      peeked = -2;
    } else {
      c = in.read();
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }
}
