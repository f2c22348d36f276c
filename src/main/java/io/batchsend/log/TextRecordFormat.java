package io.batchsend.log;

import io.batchsend.config.LogFormat;
import io.batchsend.engine.Attempt;
import io.batchsend.engine.ItemResult;
import java.io.BufferedReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One human-readable line per item, fields separated by two spaces, the request fingerprint last:
 *
 * <pre>2026-11-24T17:00:00.123Z  #1  ok  200  12.34ms  2B  1x  GET http://host/api?id=a  item=a
 *   request=GET u:3f2a9c0d1e2b h:a1b2c3d4e5f6 b:0123456789ab</pre>
 *
 * (one line). The URL, item and error are escaped ({@code \t}, {@code \n}, {@code \\}, other
 * control characters as {@code \\uXXXX}) so no data can break a line, and a space that would make
 * two in a row, or start or end a field, is written {@code \\u0020}, so two spaces always separate
 * fields and the line reads back exactly. The fixed-shape request field at the end tells a complete
 * line from one a crash cut short.
 */
public final class TextRecordFormat implements RecordFormat {
  private static final String REQUEST = "  request=";
  private static final Pattern ENDING =
      Pattern.compile("  request=(" + RequestFingerprint.SHAPE_REGEX + ")$");

  private final Timestamps.Writer timestamps = new Timestamps.Writer();

  /** The request field and the line's end, ready to append; null for a reading codec. */
  private final String requestField;

  public TextRecordFormat(RequestFingerprint request) {
    this.requestField = request == null ? null : REQUEST + request.text() + "\n";
  }

  @Override
  public LogFormat kind() {
    return LogFormat.TEXT;
  }

  @Override
  public void append(ItemResult r, StringBuilder out) {
    if (requestField == null) {
      throw new IllegalStateException("a codec made for reading writes no records");
    }
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
    escapeField(r.displayUrl(), out);
    out.append("  item=");
    escapeField(r.item().text(), out);
    if (r.failure() != null) {
      out.append("  error=");
      escapeField(r.failure().describe(), out);
    }
    out.append(requestField);
  }

  /** Escapes {@code s} so that it stays on one line: backslash escapes for control characters. */
  public static void escape(String s, StringBuilder out) {
    escape(s, out, false);
  }

  /** {@link #escape}, and no space that could be read as part of a two-space separator. */
  private static void escapeField(String s, StringBuilder out) {
    escape(s, out, true);
  }

  private static void escape(String s, StringBuilder out, boolean spaces) {
    int last = s.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case ' ' -> {
          if (spaces && (i == 0 || i == last || s.charAt(i - 1) == ' ')) {
            out.append("\\u0020");
          } else {
            out.append(' ');
          }
        }
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

  @Override
  public RecordParser parser(BufferedReader in) {
    return new LineRecordParser(in) {
      /** Once a line carried a request field, a line without one was cut short. */
      private boolean sawRequest;

      @Override
      LogRecord parse(String line) {
        Matcher ending = ENDING.matcher(line);
        if (ending.find()) {
          sawRequest = true;
          return parseFields(
              line.substring(0, ending.start()), new RequestFingerprint(ending.group(1)));
        }
        if (sawRequest) {
          throw new CutShort("record cut short");
        }
        return parseOlder(line);
      }

      @Override
      boolean looksCutShort(String line) {
        // A line written before the request field existed cannot tell a tear; take it as one.
        return !sawRequest;
      }
    };
  }

  /** A line of this version: every field is free of two spaces in a row. */
  private static LogRecord parseFields(String line, RequestFingerprint request) {
    String[] f = line.split(" {2}", -1);
    if (f.length != 9 && f.length != 10) {
      throw new IllegalArgumentException("not a text log record: " + f.length + " fields");
    }
    String error = null;
    if (f.length == 10) {
      error = unescape(label("error=", f[9]));
    }
    return fields(f, unescape(label("item=", f[8])), error, request);
  }

  /**
   * A line written before the request field: its item and error were not kept free of two spaces,
   * so the item runs to the end of an ok line, and to the last {@code error=} of a failed one.
   */
  private static LogRecord parseOlder(String line) {
    String[] f = line.split(" {2}", 9);
    if (f.length < 9) {
      throw new IllegalArgumentException("not a text log record");
    }
    int at = line.indexOf("  item=");
    if (at < 0) {
      throw new IllegalArgumentException("not a text log record: no item");
    }
    String rest = line.substring(at + "  item=".length());
    String error = null;
    if (f[2].equals("FAILED")) {
      int e = rest.lastIndexOf("  error=");
      if (e < 0) {
        throw new IllegalArgumentException("a failed record has no error");
      }
      error = unescape(rest.substring(e + "  error=".length()));
      rest = rest.substring(0, e);
    }
    return fields(f, unescape(rest), error, null);
  }

  private static LogRecord fields(
      String[] f, String item, String error, RequestFingerprint request) {
    if (!f[1].startsWith("#")) {
      throw new IllegalArgumentException("not a text log record: no #index");
    }
    if (!f[2].equals("ok") && !f[2].equals("FAILED")) {
      throw new IllegalArgumentException("outcome is not ok or FAILED: " + f[2]);
    }
    int space = f[7].indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException("not a text log record: no method and URL");
    }
    return new LogRecord(
        Timestamps.parse(f[0]),
        LogRecord.parseLong("index", f[1].substring(1)),
        item,
        f[7].substring(0, space),
        unescape(f[7].substring(space + 1)),
        f[3].equals("-") ? Attempt.NO_STATUS : (int) LogRecord.parseLong("status", f[3]),
        f[2].equals("ok"),
        (int) LogRecord.parseLong("attempts", suffixed(f[6], "x")),
        LogRecord.parseDouble("ms", suffixed(f[4], "ms")),
        LogRecord.parseLong("bytes", suffixed(f[5], "B")),
        error,
        request);
  }

  private static String label(String label, String field) {
    if (!field.startsWith(label)) {
      throw new IllegalArgumentException("expected " + label + " at: " + field);
    }
    return field.substring(label.length());
  }

  private static String suffixed(String field, String unit) {
    if (!field.endsWith(unit)) {
      throw new IllegalArgumentException("expected a number in " + unit + ": " + field);
    }
    return field.substring(0, field.length() - unit.length());
  }
}
