package io.batchsend.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The retry options as given.
 *
 * @param retries extra attempts after the first ({@code --retries})
 * @param retryOn what may be retried ({@code --retry-on}): {@code io} and status codes; null for
 *     the default, which depends on the method
 * @param initialBackoff the first backoff's upper bound
 * @param maxBackoff the cap on any backoff
 * @param maxRetryAfter the cap on a server's Retry-After wait ({@code --retry-max-wait})
 */
public record RetrySettings(
    int retries,
    Set<String> retryOn,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter) {
  /** {@code io,429,502,503,504}: what is retried for methods safe to repeat. */
  public static final Set<String> DEFAULT_RETRY_ON = Set.of("io", "429", "502", "503", "504");

  /** 429 and 503 say the request was not processed; connect failures are covered by {@code io}. */
  public static final Set<String> NON_IDEMPOTENT_RETRY_ON = Set.of("io", "429", "503");

  public RetrySettings {
    if (retries < 0 || retries > 100) {
      throw new UsageException("invalid --retries " + retries + ": expected 0 to 100");
    }
    if (retryOn != null) {
      retryOn = Set.copyOf(retryOn);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new UsageException("retry waits must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new UsageException("invalid --retry-backoff: the maximum is below the initial backoff");
    }
  }

  /** The contract's defaults: 2 retries, backoff 200ms up to 10s, Retry-After capped at 60s. */
  public static RetrySettings defaults() {
    return new RetrySettings(
        2, null, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  /** Parses a {@code --retry-on} list: {@code io}, status codes, or classes such as {@code 5xx}. */
  public static Set<String> parseRetryOn(String list) {
    return parseStatuses(list, "--retry-on", true);
  }

  /**
   * Parses a comma-separated list of statuses ({@code 503}), classes ({@code 5xx}) and, when {@code
   * allowIo}, the word {@code io}.
   */
  static Set<String> parseStatuses(String list, String option, boolean allowIo) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : list.split(",")) {
      String token = raw.strip().toLowerCase(Locale.ROOT);
      if (token.isEmpty() || token.equals("none")) {
        continue;
      }
      if (token.equals("io") && allowIo) {
        out.add(token);
      } else if (token.matches("[1-5]xx")) {
        int base = (token.charAt(0) - '0') * 100;
        for (int s = base; s < base + 100; s++) {
          out.add(Integer.toString(s));
        }
      } else if (token.matches("[1-5]\\d\\d")) {
        out.add(token);
      } else {
        throw new UsageException(
            "invalid "
                + option
                + " entry '"
                + raw.strip()
                + "': expected "
                + (allowIo ? "io, " : "")
                + "a status such as 503, or a class such as 5xx");
      }
    }
    return out;
  }
}
