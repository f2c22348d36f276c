package io.batchsend.template;

import io.batchsend.config.OutputSettings;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks secrets in what batchsend shows: query values named by {@code --redact}, the password of a
 * URL's userinfo, and any value of a {@code ${VAR}} or a sensitive header.
 */
public final class Redactor {
  /** What a secret shows as. */
  public static final String MASK = "***";

  /** The query parameter names masked by default. */
  public static final Set<String> DEFAULT_PARAMS = OutputSettings.DEFAULT_REDACTED_PARAMS;

  private final Set<String> params;
  private final List<String> secretValues;

  /**
   * @param params query parameter names to mask, compared case-insensitively
   * @param secretValues literal values never to show (environment values, sensitive headers)
   */
  public Redactor(Set<String> params, List<String> secretValues) {
    TreeSet<String> lower = new TreeSet<>();
    for (String p : params) {
      lower.add(p.toLowerCase(Locale.ROOT));
    }
    this.params = Set.copyOf(lower);
    this.secretValues =
        secretValues.stream().filter(v -> v != null && v.length() >= 3).distinct().toList();
  }

  /** A redactor with the default parameter names and no known secret values. */
  public static Redactor defaults() {
    return new Redactor(DEFAULT_PARAMS, List.of());
  }

  /** The same parameter names with more secret values to mask. */
  public Redactor withSecrets(List<String> more) {
    List<String> all = new java.util.ArrayList<>(secretValues);
    all.addAll(more);
    return new Redactor(params, all);
  }

  /** Masks the userinfo password and the named query values of {@code url}. */
  public String redactUrl(String url) {
    String masked = maskSecrets(url);
    int scheme = masked.indexOf("://");
    StringBuilder out = new StringBuilder(masked.length());
    int authorityStart = scheme < 0 ? 0 : scheme + 3;
    int authorityEnd = indexOfAny(masked, "/?#", authorityStart);
    if (authorityEnd < 0) {
      authorityEnd = masked.length();
    }
    int at = masked.lastIndexOf('@', authorityEnd - 1);
    if (scheme >= 0 && at >= authorityStart) {
      int colon = masked.indexOf(':', authorityStart);
      if (colon >= 0 && colon < at) {
        out.append(masked, 0, colon + 1).append(MASK).append(masked, at, authorityEnd);
      } else {
        out.append(masked, 0, authorityEnd);
      }
    } else {
      out.append(masked, 0, authorityEnd);
    }
    int query = masked.indexOf('?', authorityEnd);
    if (query < 0 || params.isEmpty()) {
      out.append(masked, authorityEnd, masked.length());
      return out.toString();
    }
    out.append(masked, authorityEnd, query + 1);
    int fragment = masked.indexOf('#', query);
    int end = fragment < 0 ? masked.length() : fragment;
    int start = query + 1;
    while (start <= end) {
      int amp = masked.indexOf('&', start);
      if (amp < 0 || amp > end) {
        amp = end;
      }
      String pair = masked.substring(start, amp);
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && params.contains(decodeName(name))) {
        out.append(name).append('=').append(MASK);
      } else {
        out.append(pair);
      }
      if (amp < end) {
        out.append('&');
      }
      start = amp + 1;
    }
    out.append(masked, end, masked.length());
    return out.toString();
  }

  /** Replaces every known secret value in {@code text} by {@link #MASK}. */
  public String maskSecrets(String text) {
    String out = text;
    for (String secret : secretValues) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  private static String decodeName(String name) {
    try {
      return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8)
          .toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return name.toLowerCase(Locale.ROOT);
    }
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
