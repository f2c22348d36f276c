package io.batchsend.engine;

/**
 * What one HTTP exchange produced. Built with {@link #response}, {@link #failed} or {@link
 * #notSent}, which name each figure.
 *
 * @param status the response status, or {@link #NO_STATUS} when no response came
 * @param bytes response body bytes received
 * @param nanos duration of the whole exchange, body included
 * @param failure why it failed at the transport level, or null when a response was read whole
 * @param retryAfterMillis the server's Retry-After, in milliseconds from now, or {@link
 *     #NO_RETRY_AFTER}
 * @param body the body when the run keeps bodies, else null
 * @param sent false when the request was refused before it reached the network (it is then not
 *     counted as an attempt)
 * @param headers the response headers kept for {@code --response-headers}, or null when none are
 *     asked for or no response came
 * @param quota what the response's rate-limit headers said, or null when it had none (see {@link
 *     QuotaGate})
 */
public record Attempt(
    int status,
    long bytes,
    long nanos,
    Failure failure,
    long retryAfterMillis,
    ResponseBody body,
    boolean sent,
    ResponseHeaders headers,
    ServerQuota quota) {
  /** The status of an attempt that got no response. */
  public static final int NO_STATUS = -1;

  /** The Retry-After of a response that gave none. */
  public static final long NO_RETRY_AFTER = -1;

  public Attempt {
    if (!sent && (status != NO_STATUS || failure == null)) {
      throw new IllegalArgumentException("an attempt not sent has a failure and no status");
    }
  }

  public boolean hasStatus() {
    return status != NO_STATUS;
  }

  /** A response with {@code status}, read in {@code nanos}; the rest is set on the builder. */
  public static Builder response(int status, long nanos) {
    return new Builder(status, nanos);
  }

  /** An attempt that went to the network and got no response. */
  public static Attempt failed(Failure failure, long nanos) {
    return new Attempt(NO_STATUS, 0, nanos, failure, NO_RETRY_AFTER, null, true, null, null);
  }

  /** An attempt that never reached the network. */
  public static Attempt notSent(Failure failure) {
    return new Attempt(NO_STATUS, 0, 0, failure, NO_RETRY_AFTER, null, false, null, null);
  }

  /** Names the figures of an attempt that got a response. */
  public static final class Builder {
    private final int status;
    private final long nanos;
    private long bytes;
    private Failure failure;
    private long retryAfterMillis = NO_RETRY_AFTER;
    private ResponseBody body;
    private ResponseHeaders headers;
    private ServerQuota quota;

    private Builder(int status, long nanos) {
      this.status = status;
      this.nanos = nanos;
    }

    public Builder bytes(long bytes) {
      this.bytes = bytes;
      return this;
    }

    /** Why reading the body failed (cut short, too large), or null. */
    public Builder failure(Failure failure) {
      this.failure = failure;
      return this;
    }

    public Builder retryAfterMillis(long retryAfterMillis) {
      this.retryAfterMillis = retryAfterMillis;
      return this;
    }

    public Builder body(ResponseBody body) {
      this.body = body;
      return this;
    }

    /** The headers kept for {@code --response-headers}; null (the default) when none asked. */
    public Builder headers(ResponseHeaders headers) {
      this.headers = headers;
      return this;
    }

    /** What the rate-limit headers said; null (the default) when there were none. */
    public Builder quota(ServerQuota quota) {
      this.quota = quota;
      return this;
    }

    public Attempt build() {
      return new Attempt(
          status, bytes, nanos, failure, retryAfterMillis, body, true, headers, quota);
    }
  }
}
