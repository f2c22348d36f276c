package io.batchsend.engine;

import io.batchsend.input.Item;

/**
 * An item's final outcome: one per started item, the source of its log record.
 *
 * @param item the item
 * @param method the request method
 * @param displayUrl the URL, secrets masked
 * @param status the final attempt's status, or {@link Attempt#NO_STATUS}
 * @param ok true when the item succeeded
 * @param attempts requests sent: 1 + the retries made, or 0 when the item failed before any request
 *     reached the network
 * @param nanos the final attempt's duration
 * @param bytes the final attempt's response body bytes
 * @param failure why it failed, or null when ok
 * @param finishedEpochMillis when the item finished
 * @param body the final response body when the run keeps bodies, else null
 */
public record ItemResult(
    Item item,
    String method,
    String displayUrl,
    int status,
    boolean ok,
    int attempts,
    long nanos,
    long bytes,
    Failure failure,
    long finishedEpochMillis,
    ResponseBody body) {
  public ItemResult {
    if (ok != (failure == null)) {
      throw new IllegalArgumentException("a result is ok exactly when it has no failure");
    }
  }

  /** A result without a kept response body. */
  public ItemResult(
      Item item,
      String method,
      String displayUrl,
      int status,
      boolean ok,
      int attempts,
      long nanos,
      long bytes,
      Failure failure,
      long finishedEpochMillis) {
    this(
        item,
        method,
        displayUrl,
        status,
        ok,
        attempts,
        nanos,
        bytes,
        failure,
        finishedEpochMillis,
        null);
  }

  public boolean hasStatus() {
    return status != Attempt.NO_STATUS;
  }

  /** The final attempt's duration in milliseconds, with fractions. */
  public double millis() {
    return nanos / 1_000_000.0;
  }
}
