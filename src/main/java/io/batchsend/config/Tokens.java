package io.batchsend.config;

/** RFC 9110 tokens (section 5.6.2): the syntax of method and header names. */
final class Tokens {
  /** The symbols a token may hold besides ASCII letters and digits. */
  static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

  private Tokens() {}

  /** True when {@code s} is one or more tchar. */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || TCHAR_SYMBOLS.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
