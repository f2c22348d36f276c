package io.batchsend.engine.http;

import io.batchsend.config.NetworkSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies as curl users expect: {@code https_proxy}/{@code HTTPS_PROXY} for https URLs, {@code
 * http_proxy} (lower case only, as curl does, since a request header can set HTTP_PROXY in CGI
 * environments) for http, and {@code NO_PROXY}/{@code no_proxy} hosts (suffix match, {@code *} for
 * all) going direct. {@code --proxy} overrides the environment for both schemes.
 */
final class EnvironmentProxies extends ProxySelector {
  private final URI httpProxy;
  private final URI httpsProxy;
  private final List<String> noProxy;

  private EnvironmentProxies(URI httpProxy, URI httpsProxy, List<String> noProxy) {
    this.httpProxy = httpProxy;
    this.httpsProxy = httpsProxy;
    this.noProxy = noProxy;
  }

  /** The proxies for a run, or null when there are none. */
  static EnvironmentProxies of(NetworkSettings settings, Map<String, String> env) {
    URI http = settings.proxy();
    URI https = settings.proxy();
    if (http == null) {
      http = fromEnv(env, "http_proxy");
      https = fromEnv(env, "https_proxy", "HTTPS_PROXY");
    }
    if (http == null && https == null) {
      return null;
    }
    String no = first(env, "no_proxy", "NO_PROXY");
    List<String> hosts = new ArrayList<>();
    if (no != null && settings.proxy() == null) {
      for (String h : no.split(",")) {
        String host = h.strip().toLowerCase(Locale.ROOT);
        if (!host.isEmpty()) {
          hosts.add(host.startsWith(".") ? host.substring(1) : host);
        }
      }
    }
    return new EnvironmentProxies(http, https, List.copyOf(hosts));
  }

  /** The proxy's {@code user:password}, or null. */
  String userInfo(String scheme) {
    URI proxy = scheme.equals("https") ? httpsProxy : httpProxy;
    return proxy == null ? null : proxy.getUserInfo();
  }

  private static URI fromEnv(Map<String, String> env, String... names) {
    String value = first(env, names);
    if (value == null || value.isBlank()) {
      return null;
    }
    return NetworkSettings.parseProxy(value, names[0]);
  }

  private static String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String v = env.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
    if (proxy == null || bypassed(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    int port = proxy.getPort() < 0 ? 80 : proxy.getPort();
    return List.of(
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
  }

  private boolean bypassed(String host) {
    for (String h : noProxy) {
      if (h.equals("*") || host.equals(h) || host.endsWith("." + h)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // Nothing to remember: the attempt fails and the retry policy decides.
  }
}
