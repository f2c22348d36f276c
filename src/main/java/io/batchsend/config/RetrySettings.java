package io.batchsend.config;

import java.time.Duration;

/**
 * The retry options as given.
 *
 * @param retries extra attempts after the first ({@code --retries})
 * @param retryOn what may be retried ({@code --retry-on}); null for the default, which depends on
 *     the method ({@link RetryOn#DEFAULT} or {@link RetryOn#NON_IDEMPOTENT})
 * @param initialBackoff the first backoff's upper bound
 * @param maxBackoff the cap on any backoff
 * @param maxRetryAfter the cap on a server's Retry-After wait ({@code --retry-max-wait})
 */
public record RetrySettings(
    int retries,
    RetryOn retryOn,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {
  public RetrySettings {
    if (retries < 0 || retries > 100) {
      throw new UsageException("invalid --retries " + retries + ": expected 0 to 100");
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new UsageException("retry waits must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new UsageException("invalid --retry-backoff: the maximum is below the initial backoff");
    }
  }
}
