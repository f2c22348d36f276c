package io.batchsend.report;

/**
 * Makes any string safe for the report files: characters a format cannot hold at all become U+FFFD,
 * and the writers escape the rest. Items come from decoded UTF-8 and rarely need it, but one bad
 * character must not cost a whole report.
 */
final class SafeText {
  static final char REPLACEMENT = '\uFFFD';

  private SafeText() {}

  /**
   * {@code s} as XML 1.0 can hold it: control characters other than tab, CR and LF, lone
   * surrogates, U+FFFE and U+FFFF replaced; null as empty.
   */
  static String xml(String s) {
    return s == null ? "" : replace(s, true);
  }

  /** {@code s} as UTF-8 can encode it: lone surrogates replaced; null stays null. */
  static String unicode(String s) {
    return s == null ? null : replace(s, false);
  }

  private static String replace(String s, boolean xml) {
    int bad = firstInvalid(s, xml);
    if (bad < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    sb.append(s, 0, bad);
    for (int i = bad; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(isValidAlone(c, xml) ? c : REPLACEMENT);
      }
    }
    return sb.toString();
  }

  private static int firstInvalid(String s, boolean xml) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (!isValidAlone(c, xml)) {
        return i;
      }
    }
    return -1;
  }

  /** True for a char allowed on its own (a surrogate never is). */
  private static boolean isValidAlone(char c, boolean xml) {
    if (Character.isSurrogate(c)) {
      return false;
    }
    if (!xml) {
      return true;
    }
    return c >= 0x20 && c <= 0xFFFD || c == '\t' || c == '\n' || c == '\r';
  }
}
