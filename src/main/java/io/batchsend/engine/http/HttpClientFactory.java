package io.batchsend.engine.http;

import io.batchsend.config.EngineSettings;
import io.batchsend.config.NetworkSettings;
import io.batchsend.config.TlsProviderChoice;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the run's one {@link OkHttpClient}, sized for the worker pool. */
public final class HttpClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(HttpClientFactory.class);

  private HttpClientFactory() {}

  /**
   * A client whose connection pool keeps one idle connection per worker.
   *
   * @param env the environment, for {@code HTTPS_PROXY}, {@code http_proxy} and {@code NO_PROXY}
   */
  public static OkHttpClient create(EngineSettings settings, Map<String, String> env) {
    int c = settings.concurrency();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Math.max(64, c));
    dispatcher.setMaxRequestsPerHost(Math.max(5, c));
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(PolledCleanupBackend.connectionPool(c, 5, TimeUnit.MINUTES))
            .connectTimeout(settings.connectTimeout())
            // --timeout bounds the whole call, body included. Socket read and write timeouts equal
            // to it could never fire first, and each one costs a trip through okio's global
            // timeout queue on every read and write (a lock the workers contended on), so they are
            // off.
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .callTimeout(settings.timeout())
            // Attempts are counted and retried by the engine's policy; a silent retry here could
            // send a POST twice.
            .retryOnConnectionFailure(false)
            // Redirects are followed by the sender, which drops credentials on a change of origin.
            .followRedirects(false)
            .followSslRedirects(false);
    NetworkSettings network = settings.network();
    Trust trust =
        network.insecure()
            ? Trust.none()
            : network.caCert() != null
                ? Trust.withExtraAnchors(network.caCert())
                : Trust.platform();
    builder.sslSocketFactory(tlsSockets(network.tlsProvider(), trust), trust.trustManager);
    if (network.insecure()) {
      builder.hostnameVerifier((host, session) -> true);
    }
    EnvironmentProxies proxies = EnvironmentProxies.of(network, env);
    if (proxies != null) {
      builder.proxySelector(proxies);
      builder.proxyAuthenticator(
          (route, response) -> {
            String userInfo =
                proxies.userInfo(route == null ? "http" : route.address().url().scheme());
            if (userInfo == null || response.request().header("Proxy-Authorization") != null) {
              return null; // no credentials, or they were refused: do not loop
            }
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String pass = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            return response
                .request()
                .newBuilder()
                .header("Proxy-Authorization", Credentials.basic(user, pass))
                .build();
          });
    }
    return builder.build();
  }

  /**
   * Sockets of the TLS implementation {@code choice} stands for, chosen at the first TLS connection
   * (named then under -v); a Conscrypt that is asked for by name but does not load is a usage error
   * before anything is sent.
   */
  private static SSLSocketFactory tlsSockets(TlsProviderChoice choice, Trust trust) {
    if (choice == TlsProviderChoice.CONSCRYPT) {
      TlsProvider.select(choice);
    }
    return new DeferredSslSocketFactory(
        () -> {
          TlsProvider tls = TlsProvider.select(choice);
          LOG.debug("TLS: {}", tls.describe());
          return tls.socketFactory(trust.trustManager);
        });
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
