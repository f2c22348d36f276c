package io.batchsend.engine.http;

import io.batchsend.config.EngineSettings;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds the run's one {@link OkHttpClient}, sized for the worker pool. */
public final class HttpClientFactory {
  private HttpClientFactory() {}

  /** A client whose connection pool keeps one idle connection per worker. */
  public static OkHttpClient create(EngineSettings settings) {
    int c = settings.concurrency();
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(Math.max(64, c));
    dispatcher.setMaxRequestsPerHost(Math.max(5, c));
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(c, 5, TimeUnit.MINUTES))
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        .callTimeout(settings.timeout())
        // Attempts are counted and retried by the engine's policy; a silent retry here could
        // send a POST twice.
        .retryOnConnectionFailure(false)
        // Redirects are followed by the sender, which drops credentials on a change of origin.
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }
}
