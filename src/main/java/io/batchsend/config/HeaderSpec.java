package io.batchsend.config;

import java.util.Locale;

/**
 * One {@code -H 'Name: value'} option: a header name and its value template. Messages about a bad
 * header never show its value, which may be a secret.
 *
 * @param name the header name, an RFC 9110 token
 * @param valueTemplate the value, which may hold placeholders and {@code ${VAR}}
 */
public record HeaderSpec(String name, String valueTemplate) {
  /** The longest header name a message repeats; a longer one is no name but a mistake. */
  private static final int SHOWN_NAME = 40;

  public HeaderSpec {
    if (!Tokens.isToken(name)) {
      throw new UsageException(
          "invalid header name"
              + shown(name)
              + ": expected 'Name: value' (the value is not shown)");
    }
    if (valueTemplate == null) {
      throw new UsageException("header " + name + " has no value");
    }
    if (valueTemplate.indexOf('\r') >= 0 || valueTemplate.indexOf('\n') >= 0) {
      throw new UsageException("header " + name + " contains CR or LF");
    }
  }

  /** Parses {@code Name: value}; the value is trimmed of surrounding blanks. */
  public static HeaderSpec parse(String option) {
    int colon = option.indexOf(':');
    if (colon <= 0) {
      throw new UsageException(
          "invalid header"
              + shown(firstWord(option))
              + ": no ':' after the name; expected 'Name: value' (the value is not shown)");
    }
    return new HeaderSpec(option.substring(0, colon).trim(), option.substring(colon + 1).strip());
  }

  /** True for the headers whose values are secrets and never printed. */
  public boolean isSensitive() {
    return isSensitiveName(name);
  }

  /** True for header names whose values are secrets and never printed. */
  public static boolean isSensitiveName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("authorization")
        || lower.equals("proxy-authorization")
        || lower.equals("cookie")
        || lower.equals("set-cookie");
  }

  /**
   * The text before the first blank, when the option has one: {@code Authorization Bearer x} shows
   * as {@code Authorization}. Without a blank the whole option may be the secret: null.
   */
  private static String firstWord(String option) {
    String s = option.strip();
    int blank = 0;
    while (blank < s.length() && !Character.isWhitespace(s.charAt(blank))) {
      blank++;
    }
    return blank < s.length() ? s.substring(0, blank) : null;
  }

  /** {@code " 'name'"} for a short token, else nothing: what is shown might be a value. */
  private static String shown(String name) {
    boolean safe = Tokens.isToken(name) && name.length() <= SHOWN_NAME;
    return safe ? " '" + name + "'" : "";
  }
}
