package io.batchsend.text;

/**
 * JSON string literals (RFC 8259), written by hand because the log and the templates write them
 * once per item on the hot path. The one encoder for every stage: it sits below them all and
 * depends on nothing of ours, so that neither the log nor the templates borrow it from the other.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /** {@code value} as a quoted JSON string, or {@code null} for null. */
  public static void quote(String value, StringBuilder out) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    escape(value, out);
    out.append('"');
  }

  /**
   * Escapes {@code value} for the inside of a JSON string. U+2028 and U+2029 are escaped too, so
   * that a line of JSON stays one line for every reader, JavaScript's included.
   */
  public static void escape(String value, StringBuilder out) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]);
            out.append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
