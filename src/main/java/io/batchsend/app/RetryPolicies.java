package io.batchsend.app;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RetrySettings;
import io.batchsend.engine.RetryPolicy;
import java.util.Set;

/**
 * Chooses the retry policy for a method. POST, PATCH and any method not idempotent by RFC 9110 are
 * not safe to repeat: unless the user names {@code --retry-on} or gives an {@code
 * --idempotency-key}, they are retried only when the request provably was not processed (the
 * connection failed, or 429/503).
 */
final class RetryPolicies {
  private RetryPolicies() {}

  static RetryPolicy forRun(RetrySettings settings, HttpMethod method, boolean idempotencyKey) {
    boolean unsafe = !method.isIdempotent() && !idempotencyKey;
    boolean defaulted = settings.retryOn() == null;
    Set<String> retryOn;
    if (!defaulted) {
      retryOn = settings.retryOn();
    } else if (unsafe) {
      retryOn = RetrySettings.NON_IDEMPOTENT_RETRY_ON;
    } else {
      retryOn = RetrySettings.DEFAULT_RETRY_ON;
    }
    return new RetryPolicy(
        settings.retries(),
        retryOn,
        settings.initialBackoff(),
        settings.maxBackoff(),
        settings.maxRetryAfter(),
        unsafe && defaulted);
  }
}
