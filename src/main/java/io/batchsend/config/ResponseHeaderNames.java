package io.batchsend.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --response-headers}: which response headers each {@code --responses} record keeps, by
 * lower-case name, or all of them ({@code *}). Whatever is asked, the values of the headers of
 * {@link HeaderSpec#isSensitiveName} are masked where they are captured.
 *
 * @param names the lower-case names asked for; empty when {@code all} or nothing is asked
 * @param all true for {@code *}
 */
public record ResponseHeaderNames(Set<String> names, boolean all) {
  /** No header kept: the option was not given, and nothing is captured. */
  public static final ResponseHeaderNames NONE = new ResponseHeaderNames(Set.of(), false);

  /** Every header kept ({@code *}). */
  public static final ResponseHeaderNames ALL = new ResponseHeaderNames(Set.of(), true);

  public ResponseHeaderNames {
    names = Set.copyOf(names);
    for (String name : names) {
      if (!name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header names are kept in lower case: " + name);
      }
    }
    if (all && !names.isEmpty()) {
      throw new IllegalArgumentException("'*' takes no names besides");
    }
  }

  /**
   * Parses the option's comma-separated values (picocli has split them): header names, case
   * ignored, or {@code *} alone.
   *
   * @param values the values given, null or empty when the option was not given
   */
  public static ResponseHeaderNames parse(List<String> values) {
    if (values == null || values.isEmpty()) {
      return NONE;
    }
    Set<String> names = new LinkedHashSet<>();
    boolean star = false;
    for (String value : values) {
      String name = value.strip();
      if (name.equals("*")) {
        star = true;
      } else if (Tokens.isToken(name)) {
        names.add(name.toLowerCase(Locale.ROOT));
      } else {
        // Not repeated: what is not a name may be a value pasted by mistake, such as a token.
        throw new UsageException(
            "invalid --response-headers: expected header names separated by commas, or '*' for"
                + " all");
      }
    }
    if (star && !names.isEmpty()) {
      throw new UsageException("invalid --response-headers: '*' (all) stands alone");
    }
    return star ? ALL : new ResponseHeaderNames(names, false);
  }

  /** True when some header is asked for. */
  public boolean any() {
    return all || !names.isEmpty();
  }

  /** True when the header {@code lowerName} (already lower case) is kept. */
  public boolean keeps(String lowerName) {
    return all || names.contains(lowerName);
  }
}
