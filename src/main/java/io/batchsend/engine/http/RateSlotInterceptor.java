package io.batchsend.engine.http;

import io.batchsend.engine.Clock;
import io.batchsend.engine.RateLimiter;
import io.batchsend.engine.RunControl;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The write gate of {@code --rate}: at N/s no two requests are written closer than 1/N apart, the
 * first ones of the run, redirect hops and retries included.
 *
 * <p>The workers' own rate slot is taken before the call, so that long waits stay outside {@code
 * --timeout} and out of the measured latency. But connecting takes time after that slot: the first
 * connections of a run became ready together and their requests went out in a burst (at 20/s four
 * requests within 20 ms). This network interceptor runs once the connection is ready, just before
 * the request is written, and waits for a slot of its own limiter at the same rate. While the
 * workers' slots keep requests spaced, its waits are zero; it only spreads out what connecting (or
 * a redirect hop, which takes no worker slot) bunched up, so its waits stay short.
 *
 * <p>A stop does not cut its wait short: the request is in flight, and in-flight requests finish
 * within the grace period.
 */
final class RateSlotInterceptor implements Interceptor {
  /** Never stopped: see the class comment. */
  private static final RunControl IN_FLIGHT = new RunControl();

  private final RateLimiter writes;
  private final Clock clock;

  private RateSlotInterceptor(RateLimiter writes, Clock clock) {
    this.writes = writes;
    this.clock = clock;
  }

  /**
   * {@code client} with the write gate of {@code rate}; {@code client} itself when there is no
   * rate, so that a run without {@code --rate} pays nothing per request.
   */
  static OkHttpClient install(OkHttpClient client, RateLimiter rate, Clock clock) {
    if (rate.isUnlimited()) {
      return client;
    }
    return client
        .newBuilder()
        .addNetworkInterceptor(new RateSlotInterceptor(rate.freshCopy(), clock))
        .build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      clock.sleep(writes.reserve(), IN_FLIGHT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the rate slot");
    }
    return chain.proceed(chain.request());
  }
}
