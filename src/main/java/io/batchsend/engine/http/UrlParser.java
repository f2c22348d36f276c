package io.batchsend.engine.http;

import okhttp3.HttpUrl;

/**
 * Parses request URLs, reusing the parsed origin ({@code scheme://host:port}) of the previous URL
 * when the next one has the same: a run sends nearly every request to one origin, and parsing the
 * host again (IDN mapping, canonicalisation) was a visible share of the per-request cost.
 * Thread-safe: the cache is one immutable value behind a volatile field.
 */
final class UrlParser {
  private record Origin(String prefix, HttpUrl url) {}

  private volatile Origin last;

  /**
   * @throws IllegalArgumentException when {@code url} is not a valid http(s) URL
   */
  HttpUrl parse(String url) {
    Origin origin = last;
    if (origin != null
        && url.startsWith(origin.prefix)
        && url.length() > origin.prefix.length()
        && isPathStart(url.charAt(origin.prefix.length()))) {
      HttpUrl resolved = origin.url.resolve(url.substring(origin.prefix.length()));
      if (resolved != null) {
        return resolved;
      }
    }
    HttpUrl parsed = HttpUrl.get(url);
    int end = authorityEnd(url);
    if (end > 0) {
      // The origin's root, not the URL itself: "?q=1" resolved against "/first" would keep the
      // path.
      last = new Origin(url.substring(0, end), parsed.resolve("/"));
    }
    return parsed;
  }

  private static boolean isPathStart(char c) {
    return c == '/' || c == '?';
  }

  /** Where {@code scheme://authority} ends, or -1 when the URL has userinfo (never cached). */
  private static int authorityEnd(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return -1;
    }
    for (int i = start + 3; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '@' || c == '\\') {
        return -1;
      }
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return -1;
  }
}
