package io.batchsend.config;

import java.util.Locale;

/** The request methods batchsend sends. */
public enum HttpMethod {
  GET,
  POST,
  PUT,
  PATCH,
  DELETE,
  HEAD;

  /** Parses a method name case-insensitively. */
  public static HttpMethod parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "invalid method '" + text + "': expected GET, POST, PUT, PATCH, DELETE or HEAD");
    }
  }

  /** True when the method may carry a request body. */
  public boolean permitsBody() {
    return this != GET && this != HEAD;
  }
}
