package io.batchsend.log;

import io.batchsend.config.HeaderSpec;
import io.batchsend.config.RequestSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which request wrote a log record, as its {@code request} field: the method and short SHA-256
 * digests of the URL, header and body templates, e.g. {@code POST u:3f2a9c0d1e2b h:a1b2c3d4e5f6
 * b:0123456789ab}. Digests, never the template text: a header template may hold a literal secret.
 * 48 bits per digest tell two templates apart by accident only once in 2^48 tries; --resume
 * compares them to refuse a log written by another request.
 *
 * @param text the field's text
 */
public record RequestFingerprint(String text) {
  /** The method is any RFC 9110 token (-X takes any), then the three template digests. */
  static final String SHAPE_REGEX =
      "[!#$%&'*+.^_`|~0-9A-Za-z-]+ u:[0-9a-f]{12} h:[0-9a-f]{12} b:[0-9a-f]{12}";

  private static final Pattern SHAPE = Pattern.compile(SHAPE_REGEX);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  public RequestFingerprint {
    if (text == null || !SHAPE.matcher(text).matches()) {
      throw new IllegalArgumentException("request is not a request fingerprint: " + text);
    }
  }

  /** The fingerprint of a request whose scheme, host and port name no {@code ${VAR}}. */
  public static RequestFingerprint of(RequestSpec spec) {
    return of(spec, Map.of());
  }

  /**
   * The fingerprint of the request {@code spec} describes. The URL's part includes the values of
   * the {@code ${VAR}}s that stand in its scheme, host or port ({@code -u '${BASE}/users/{data}'}):
   * the same template sent to another server is another request, and a --resume against production
   * must not skip what only reached staging. Other {@code ${VAR}} values (tokens, say) are left
   * out, so a rotated secret does not make a log unusable, and no secret is digested. Header names
   * count in lower case, as HTTP reads them.
   *
   * @param env the environment the templates read
   */
  public static RequestFingerprint of(RequestSpec spec, Map<String, String> env) {
    StringBuilder url = new StringBuilder(spec.urlTemplate());
    Matcher var = VARIABLE.matcher(origin(spec.urlTemplate()));
    while (var.find()) {
      url.append('\0').append(var.group(1)).append('=').append(env.get(var.group(1)));
    }
    StringBuilder headers = new StringBuilder();
    for (HeaderSpec h : spec.headers()) {
      headers.append(h.name().toLowerCase(Locale.ROOT)).append('\0');
      headers.append(h.valueTemplate()).append('\0');
    }
    // "-" before the body tells no body from an empty one.
    String body = spec.bodyTemplate() == null ? "-" : "+" + spec.bodyTemplate();
    return new RequestFingerprint(
        spec.method().name()
            + " u:"
            + digest(url.toString())
            + " h:"
            + digest(headers.toString())
            + " b:"
            + digest(body));
  }

  /**
   * The scheme, host and port of a URL template: up to the first {@code / ? #} after its {@code
   * ://} (or from its start, when a {@code ${VAR}} brings the scheme), without any user info.
   */
  static String origin(String urlTemplate) {
    int scheme = urlTemplate.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int end = urlTemplate.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = urlTemplate.indexOf(c, start);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String origin = urlTemplate.substring(0, end);
    int userInfo = origin.lastIndexOf('@');
    return userInfo < start ? origin : origin.substring(0, start) + origin.substring(userInfo + 1);
  }

  /** True when {@code text} has the shape of a fingerprint (a torn one does not). */
  static boolean isFingerprint(String text) {
    return SHAPE.matcher(text).matches();
  }

  /** What differs from {@code other}, e.g. {@code [method, URL template]}; empty when equal. */
  public List<String> differencesFrom(RequestFingerprint other) {
    String[] mine = text.split(" ");
    String[] theirs = other.text.split(" ");
    String[] names = {"method", "URL template", "header templates", "body template"};
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (!mine[i].equals(theirs[i])) {
        differences.add(names[i]);
      }
    }
    return differences;
  }

  private static String digest(String text) {
    byte[] d = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder(12);
    for (int i = 0; i < 6; i++) {
      hex.append(HEX[(d[i] >> 4) & 0xF]).append(HEX[d[i] & 0xF]);
    }
    return hex.toString();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
