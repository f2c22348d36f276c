package io.batchsend.engine;

/**
 * What a response said about the server's rate limit, read from its rate-limit headers (see {@code
 * engine.http.RateLimitHeaders}): how many requests are left, and when the quota resets.
 *
 * @param remaining requests the server still allows in the current window, or {@link #UNKNOWN}
 * @param resetMillis how long from the response until the quota resets, in milliseconds, or {@link
 *     #UNKNOWN}; huge values are kept as they are (the {@link QuotaGate} caps any wait)
 * @param limit the quota of a whole window, or {@link #UNKNOWN}
 * @param windowMillis the length of the window, or {@link #UNKNOWN}
 * @param source which header family said so, for {@code -v}
 */
public record ServerQuota(
    long remaining, long resetMillis, long limit, long windowMillis, Source source) {
  /** A figure the server did not give (or gave in a form that could not be read). */
  public static final long UNKNOWN = -1;

  /** The header families read, in the order they are preferred when a response has several. */
  public enum Source {
    /** {@code RateLimit} and {@code RateLimit-Policy}, IETF draft 07 and later. */
    RATELIMIT("RateLimit"),
    /** {@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}: IETF drafts before 07. */
    RATELIMIT_FIELDS("RateLimit-Remaining"),
    /** {@code X-RateLimit-*} (and {@code X-Rate-Limit-*}), as GitHub and most APIs send them. */
    X_RATELIMIT("X-RateLimit-Remaining");

    private final String header;

    Source(String header) {
      this.header = header;
    }

    /** The header that gives the remaining count, as named in messages. */
    public String header() {
      return header;
    }
  }

  public ServerQuota {
    if (remaining < UNKNOWN || resetMillis < UNKNOWN || limit < UNKNOWN || windowMillis < UNKNOWN) {
      throw new IllegalArgumentException(
          "a quota's figures are >= 0 or UNKNOWN: remaining="
              + remaining
              + " reset="
              + resetMillis
              + " limit="
              + limit
              + " window="
              + windowMillis);
    }
    if (remaining == UNKNOWN && resetMillis == UNKNOWN) {
      throw new IllegalArgumentException("a quota says how many are left or when it resets");
    }
    if (source == null) {
      throw new IllegalArgumentException("source is required");
    }
  }

  /** True when the server said no request is left in this window. */
  public boolean exhausted() {
    return remaining == 0;
  }

  /**
   * How long until requests are allowed again when exhausted: the reset, or else the window (an
   * upper bound), or {@link #UNKNOWN} when the server gave neither.
   */
  public long waitMillis() {
    return resetMillis != UNKNOWN ? resetMillis : windowMillis;
  }
}
