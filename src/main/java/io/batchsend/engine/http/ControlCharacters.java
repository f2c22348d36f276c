package io.batchsend.engine.http;

/**
 * Makes text from the network safe to print on a terminal: a hostile server's status line or header
 * can carry ESC sequences (clear the screen, retitle the window) or BEL.
 */
public final class ControlCharacters {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlCharacters() {}

  /**
   * {@code text} with every control character (C0 but tab, DEL, C1, and the line and paragraph
   * separators) written as {@code \xNN} or {@code \\uNNNN}; null stays null.
   */
  public static String escape(String text) {
    if (text == null || firstControl(text) < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isControl(c)) {
        sb.append(c);
      } else if (c < 0x100) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else {
        sb.append("\\u")
            .append(HEX[c >> 12])
            .append(HEX[(c >> 8) & 0xF])
            .append(HEX[(c >> 4) & 0xF])
            .append(HEX[c & 0xF]);
      }
    }
    return sb.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
  }
}
