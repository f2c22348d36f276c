package io.batchsend.engine.http;

import io.batchsend.config.EngineSettings;
import io.batchsend.config.ResponseHeaderNames;
import io.batchsend.engine.Clock;
import io.batchsend.engine.RateLimiter;
import java.nio.file.Path;
import java.util.Map;

/** Creates the run's sender around its one client. */
public final class OkHttpSenders {
  private OkHttpSenders() {}

  /**
   * A sender with a new client sized for {@code settings}; close it at the end of the run.
   *
   * @param spoolDirectory where response bodies kept for {@code --responses} or {@code
   *     --save-bodies} are spooled, or null when bodies are not kept
   * @param responseHeaders the final response headers kept for {@code --response-headers}
   * @param rate {@code --rate}, which also spaces the writes (see {@link RateSlotInterceptor})
   */
  public static OkHttpSender create(
      EngineSettings settings,
      Map<String, String> env,
      Path spoolDirectory,
      ResponseHeaderNames responseHeaders,
      Clock clock,
      RateLimiter rate) {
    return new OkHttpSender(
        RateSlotInterceptor.install(HttpClientFactory.create(settings, env), rate, clock),
        settings.maxBodyBytes(),
        spoolDirectory,
        settings.network().locationTrusted(),
        responseHeaders,
        clock);
  }
}
