package io.batchsend.engine;

import io.batchsend.input.Item;

/**
 * An item's final outcome: one per started item, the source of its log record. Built with {@link
 * #builder}, which names each figure; an item is ok exactly when it has no failure.
 *
 * @param item the item
 * @param method the request method
 * @param displayUrl the URL, secrets masked; empty when the request could not be rendered
 * @param status the final attempt's status, or {@link Attempt#NO_STATUS}
 * @param attempts requests sent: 1 + the retries made, or 0 when the item failed before any request
 *     reached the network
 * @param nanos the final attempt's duration
 * @param bytes the final attempt's response body bytes
 * @param failure why it failed, or null when ok
 * @param finishedEpochMillis when the item finished
 * @param body the final response body when the run keeps bodies, else null
 * @param headers the final response's headers kept for {@code --response-headers}, else null
 */
public record ItemResult(
    Item item,
    String method,
    String displayUrl,
    int status,
    int attempts,
    long nanos,
    long bytes,
    Failure failure,
    long finishedEpochMillis,
    ResponseBody body,
    ResponseHeaders headers) {
  public ItemResult {
    if (item == null || method == null || displayUrl == null) {
      throw new IllegalArgumentException("item, method and URL are required");
    }
    if (attempts < 0 || nanos < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "attempts, nanos and bytes must not be negative: "
              + attempts
              + ", "
              + nanos
              + ", "
              + bytes);
    }
  }

  /**
   * A builder for {@code item}'s result; every figure not set keeps its "nothing happened" value.
   */
  public static Builder builder(Item item) {
    return new Builder(item);
  }

  /** True when the item succeeded: it has no failure. */
  public boolean ok() {
    return failure == null;
  }

  public boolean hasStatus() {
    return status != Attempt.NO_STATUS;
  }

  /** The final attempt's duration in milliseconds, with fractions. */
  public double millis() {
    return nanos / 1_000_000.0;
  }

  /** Names each figure of an {@link ItemResult}; the defaults describe an item never sent. */
  public static final class Builder {
    private final Item item;
    private String method = "";
    private String displayUrl = "";
    private int status = Attempt.NO_STATUS;
    private int attempts;
    private long nanos;
    private long bytes;
    private Failure failure;
    private long finishedEpochMillis;
    private ResponseBody body;
    private ResponseHeaders headers;

    private Builder(Item item) {
      this.item = item;
    }

    /** The request line: its method and its URL with secrets masked. */
    public Builder request(String method, String displayUrl) {
      this.method = method;
      this.displayUrl = displayUrl;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    public Builder nanos(long nanos) {
      this.nanos = nanos;
      return this;
    }

    public Builder bytes(long bytes) {
      this.bytes = bytes;
      return this;
    }

    /** Why it failed; null (the default) for an item that succeeded. */
    public Builder failure(Failure failure) {
      this.failure = failure;
      return this;
    }

    public Builder finishedAt(long epochMillis) {
      this.finishedEpochMillis = epochMillis;
      return this;
    }

    public Builder body(ResponseBody body) {
      this.body = body;
      return this;
    }

    public Builder headers(ResponseHeaders headers) {
      this.headers = headers;
      return this;
    }

    /** The final attempt's status, duration, bytes, body and kept headers. */
    public Builder lastAttempt(Attempt attempt) {
      return status(attempt.status())
          .nanos(attempt.nanos())
          .bytes(attempt.bytes())
          .body(attempt.body())
          .headers(attempt.headers());
    }

    public ItemResult build() {
      return new ItemResult(
          item,
          method,
          displayUrl,
          status,
          attempts,
          nanos,
          bytes,
          failure,
          finishedEpochMillis,
          body,
          headers);
    }
  }
}
