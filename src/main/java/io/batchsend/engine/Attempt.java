package io.batchsend.engine;

/**
 * What one HTTP exchange produced.
 *
 * @param status the response status, or {@link #NO_STATUS} when no response came
 * @param bytes response body bytes received
 * @param nanos duration of the whole exchange, body included
 * @param failure why it failed at the transport level, or null when a response was read whole
 * @param retryAfterMillis the server's Retry-After, in milliseconds from now, or -1
 * @param body the body when the run keeps bodies, else null
 * @param sent false when the request was refused before it reached the network (it is then not
 *     counted as an attempt)
 */
public record Attempt(
    int status,
    long bytes,
    long nanos,
    Failure failure,
    long retryAfterMillis,
    ResponseBody body,
    boolean sent) {
  /** The status of an attempt that got no response. */
  public static final int NO_STATUS = -1;

  /** An attempt that went to the network. */
  public Attempt(
      int status,
      long bytes,
      long nanos,
      Failure failure,
      long retryAfterMillis,
      ResponseBody body) {
    this(status, bytes, nanos, failure, retryAfterMillis, body, true);
  }

  public boolean hasStatus() {
    return status != NO_STATUS;
  }

  /** An attempt that never reached the network. */
  public static Attempt notSent(Failure failure) {
    return new Attempt(NO_STATUS, 0, 0, failure, -1, null, false);
  }
}
