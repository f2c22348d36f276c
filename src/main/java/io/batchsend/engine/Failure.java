package io.batchsend.engine;

/**
 * Why an attempt did not succeed.
 *
 * @param kind a short stable word: timeout, connect, dns, reset, truncated, protocol, tls, io,
 *     status, too-large, invalid, input, interrupted
 * @param message the detail, secrets already masked
 */
public record Failure(String kind, String message) {
  public Failure {
    if (kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException("failure kind is required");
    }
    message = message == null ? "" : message;
  }

  /** The record's {@code error} text: {@code kind: message}. */
  public String describe() {
    return message.isEmpty() ? kind : kind + ": " + message;
  }

  /** Parses a record's {@code error} text back into kind and message. */
  public static Failure parse(String error) {
    int colon = error.indexOf(':');
    if (colon < 0) {
      return new Failure(error, "");
    }
    return new Failure(error.substring(0, colon), error.substring(colon + 1).strip());
  }
}
