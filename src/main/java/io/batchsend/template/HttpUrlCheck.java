package io.batchsend.template;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Tells whether a text is an absolute http(s) URL with a host, and if not, why. */
final class HttpUrlCheck {
  private HttpUrlCheck() {}

  /** Why {@code url} is not an absolute http(s) URL with a host, or null when it is one. */
  static String problem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return e.getReason();
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      return "no scheme, expected http:// or https://";
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (!lower.equals("http") && !lower.equals("https")) {
      return "scheme must be http or https, not " + scheme;
    }
    if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      return "no host";
    }
    try {
      uri = uri.parseServerAuthority();
    } catch (URISyntaxException e) {
      return "bad host or port";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "no host";
    }
    if (uri.getPort() > 65535) {
      return "bad port " + uri.getPort();
    }
    return null;
  }
}
