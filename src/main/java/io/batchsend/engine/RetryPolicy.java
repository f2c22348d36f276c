package io.batchsend.engine;

import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which failed attempts are tried again, and after how long: exponential backoff with full jitter,
 * or the server's Retry-After (capped) when it gave one.
 *
 * @param retries extra attempts after the first
 * @param retryOn outcomes that may be retried: {@code io}, or status codes as text ("429")
 * @param initialBackoff the first backoff's upper bound
 * @param maxBackoff the cap on any backoff
 * @param maxRetryAfter the cap on a server's Retry-After wait
 * @param connectOnlyIo true when {@code io} covers only failures where the request provably was not
 *     sent (connection refused, connect timeout): the default for POST and PATCH
 */
public record RetryPolicy(
    int retries,
    Set<String> retryOn,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    boolean connectOnlyIo) {
  /** No retries at all. */
  public static final RetryPolicy NONE =
      new RetryPolicy(0, Set.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO, false);

  private static final Set<String> IO_KINDS =
      Set.of("timeout", "connect", "dns", "reset", "truncated", "protocol", "io");

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0: " + retries);
    }
    retryOn = Set.copyOf(retryOn);
  }

  /**
   * True when {@code failure} of attempt number {@code attempt} (1-based) should be tried again.
   */
  public boolean shouldRetry(int attempt, Failure failure, int status) {
    if (attempt > retries || failure == null) {
      return false;
    }
    String kind = failure.kind();
    if (kind.equals("status")) {
      return retryOn.contains(Integer.toString(status));
    }
    if (!retryOn.contains("io") || !IO_KINDS.contains(kind)) {
      return false;
    }
    return !connectOnlyIo || kind.equals("connect") || kind.equals("dns");
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
