package io.batchsend.config;

import java.util.Locale;

/**
 * One {@code -H 'Name: value'} option: a header name and its value template.
 *
 * @param name the header name, an RFC 9110 token
 * @param valueTemplate the value, which may hold placeholders and {@code ${VAR}}
 */
public record HeaderSpec(String name, String valueTemplate) {
  public HeaderSpec {
    if (name == null || name.isEmpty() || !isToken(name)) {
      throw new UsageException("invalid header name '" + name + "': expected 'Name: value'");
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
      throw new UsageException("invalid header '" + option + "': expected 'Name: value'");
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

  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
