package io.batchsend.engine;

import io.batchsend.config.HttpMethod;
import io.batchsend.config.RetryOn;
import io.batchsend.config.RetrySettings;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Which failed attempts are tried again, and after how long: exponential backoff with full jitter,
 * or the server's Retry-After (capped) when it gave one.
 *
 * @param retries extra attempts after the first
 * @param retryOn what may be retried: transport failures ({@code io}) and statuses
 * @param initialBackoff the first backoff's upper bound
 * @param maxBackoff the cap on any backoff
 * @param maxRetryAfter the cap on a server's Retry-After wait
 * @param connectOnlyIo true when {@code io} covers only failures where the request provably never
 *     reached the server ({@link FailureKind#neverReachedServer}): the default for POST and PATCH
 */
public record RetryPolicy(
    int retries,
    RetryOn retryOn,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    boolean connectOnlyIo) {
  /** No retries at all. */
  public static final RetryPolicy NONE =
      new RetryPolicy(0, RetryOn.NOTHING, Duration.ZERO, Duration.ZERO, Duration.ZERO, false);

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0: " + retries);
    }
    if (retryOn == null) {
      throw new IllegalArgumentException("retryOn is required");
    }
  }

  /**
   * The policy for a run of {@code method}. POST and PATCH are not safe to repeat: unless the user
   * names {@code --retry-on} or gives an {@code --idempotency-key}, they are retried only when the
   * request provably was not processed (the connection failed, or 429/503).
   */
  public static RetryPolicy forRun(
      RetrySettings settings, HttpMethod method, boolean idempotencyKey) {
    boolean unsafe = !method.isIdempotent() && !idempotencyKey;
    boolean defaulted = settings.retryOn() == null;
    RetryOn retryOn;
    if (!defaulted) {
      retryOn = settings.retryOn();
    } else if (unsafe) {
      retryOn = RetryOn.NON_IDEMPOTENT;
    } else {
      retryOn = RetryOn.DEFAULT;
    }
    return new RetryPolicy(
        settings.retries(),
        retryOn,
        settings.initialBackoff(),
        settings.maxBackoff(),
        settings.maxRetryAfter(),
        unsafe && defaulted);
  }

  /**
   * True when {@code failure} of attempt number {@code attempt} (1-based) should be tried again.
   */
  public boolean shouldRetry(int attempt, Failure failure, int status) {
    if (attempt > retries || failure == null) {
      return false;
    }
    FailureKind kind = failure.kind();
    if (kind == FailureKind.STATUS) {
      return retryOn.coversStatus(status);
    }
    if (kind == FailureKind.REDIRECT && status != Attempt.NO_STATUS) {
      return false; // a redirect refused by our own rule: it would be refused again
    }
    if (!retryOn.io() || !kind.isTransport()) {
      return false;
    }
    // A failed later redirect hop (REDIRECT) never counts as "never reached the server": the
    // first hop did reach it, so a POST is not sent again.
    return !connectOnlyIo || kind.neverReachedServer();
  }

  /**
   * How long to wait before attempt {@code attempt + 1}: the server's Retry-After (capped) when it
   * gave one, else a uniform draw from 0 to the ceiling, both included, where the ceiling is the
   * initial backoff doubled for each attempt after the first, up to the cap.
   *
   * @param retryAfterMillis the server's Retry-After in ms, or -1
   * @param random the jitter's source: {@link Randomness#SYSTEM}, or a fake in tests
   */
  public long delayNanos(int attempt, long retryAfterMillis, RandomGenerator random) {
    if (retryAfterMillis >= 0) {
      return Math.min(retryAfterMillis, maxRetryAfter.toMillis()) * 1_000_000L;
    }
    long cap = maxBackoff.toNanos();
    long base = initialBackoff.toNanos();
    long ceiling = base;
    for (int i = 1; i < attempt && ceiling < cap; i++) {
      ceiling = Math.min(cap, ceiling * 2);
    }
    ceiling = Math.min(ceiling, cap);
    return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
  }
}
