package io.batchsend.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How connections are made: TLS trust and implementation, and proxies.
 *
 * @param insecure skip TLS certificate and host name checks ({@code --insecure})
 * @param caCert a PEM file of extra trust anchors ({@code --cacert}), or null
 * @param proxy the {@code --proxy} URL, or null to follow {@code HTTPS_PROXY}/{@code HTTP_PROXY}
 * @param locationTrusted follow a redirect to another origin even when the request has a body
 *     ({@code --location-trusted}); without it such a redirect ends the item
 * @param tlsProvider the TLS implementation asked for ({@code --tls-provider})
 */
public record NetworkSettings(
    boolean insecure,
    Path caCert,
    URI proxy,
    boolean locationTrusted,
    TlsProviderChoice tlsProvider) {
  /** Verified TLS, proxies from the environment. */
  public static final NetworkSettings DEFAULTS =
      new NetworkSettings(false, null, null, false, TlsProviderChoice.AUTO);

  public NetworkSettings {
    if (tlsProvider == null) {
      throw new IllegalArgumentException("tlsProvider must not be null");
    }
    if (caCert != null && !Files.isReadable(caCert)) {
      throw new UsageException("cannot read --cacert " + caCert + ": no such readable file");
    }
    if (proxy != null) {
      requireProxyUrl(proxy, "--proxy");
    }
  }

  /**
   * Parses a proxy URL such as {@code http://user:pass@proxy:3128}.
   *
   * @param where the option or variable it came from, for messages
   */
  public static URI parseProxy(String text, String where) {
    String t = text.strip();
    if (!t.contains("://")) {
      t = "http://" + t; // curl accepts host:port alone
    }
    try {
      URI uri = new URI(t);
      requireProxyUrl(uri, where);
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException("invalid " + where + ": not a URL");
    }
  }

  private static void requireProxyUrl(URI uri, String where) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new UsageException("invalid " + where + ": only http:// proxies are supported");
    }
    if (uri.getHost() == null) {
      throw new UsageException("invalid " + where + ": no host");
    }
  }
}
