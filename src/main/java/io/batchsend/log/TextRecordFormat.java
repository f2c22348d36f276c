package io.batchsend.log;

import io.batchsend.engine.ItemResult;

/**
 * One human-readable line per item, fields separated by two spaces:
 *
 * <pre>2026-11-24T17:00:00.123Z  #1  ok  200  12.34ms  2B  1x  GET http://host/api?id=a  item=a
 * </pre>
 *
 * The item and the error are escaped ({@code \t}, {@code \n}, {@code \\}, other control characters
 * as {@code \\uXXXX}) so no data can break a line.
 */
public final class TextRecordFormat implements RecordFormat {
  private final Timestamps.Writer timestamps = new Timestamps.Writer();

  @Override
  public void append(ItemResult r, StringBuilder out) {
    timestamps.append(r.finishedEpochMillis(), out);
    out.append("  #").append(r.item().index());
    out.append("  ").append(r.ok() ? "ok" : "FAILED");
    out.append("  ");
    if (r.hasStatus()) {
      out.append(r.status());
    } else {
      out.append('-');
    }
    out.append("  ");
    Millis.append(r.nanos(), out);
    out.append("ms  ").append(r.bytes()).append("B  ").append(r.attempts()).append('x');
    out.append("  ").append(r.method()).append(' ');
    escape(r.displayUrl(), out);
    out.append("  item=");
    escape(r.item().text(), out);
    if (r.failure() != null) {
      out.append("  error=");
      escape(r.failure().describe(), out);
    }
    out.append('\n');
  }

  /** Escapes {@code s} so that it stays on one line: backslash escapes for control characters. */
  public static void escape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  /** Reverses {@link #escape}. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 < s.length()) {
            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append("\\u");
          }
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
