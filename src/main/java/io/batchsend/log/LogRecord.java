package io.batchsend.log;

import io.batchsend.engine.Attempt;
import io.batchsend.engine.Failure;
import io.batchsend.engine.ItemResult;
import io.batchsend.input.Item;
import java.util.List;

/**
 * One record read back from a request log, checked when built. Every format's parser produces it,
 * and {@link #toResult} is the one place a read record becomes an {@link ItemResult}.
 *
 * @param finishedEpochMillis {@code ts}
 * @param index {@code index}, 1-based
 * @param item {@code item}
 * @param method {@code method}
 * @param url {@code url}
 * @param status {@code status}, or {@link Attempt#NO_STATUS}
 * @param ok {@code ok}
 * @param attempts {@code attempts}
 * @param ms {@code ms}
 * @param bytes {@code bytes}
 * @param error {@code error}, null when ok
 * @param request {@code request}, or null in a record written before the field existed
 */
public record LogRecord(
    long finishedEpochMillis,
    long index,
    String item,
    String method,
    String url,
    int status,
    boolean ok,
    int attempts,
    double ms,
    long bytes,
    String error,
    RequestFingerprint request) {
  /** The record's fields, named once for every format: JSON keys, CSV columns, text labels. */
  public static final List<String> FIELDS =
      List.of(
          "ts",
          "index",
          "item",
          "method",
          "url",
          "status",
          "ok",
          "attempts",
          "ms",
          "bytes",
          "error",
          "request");

  public LogRecord {
    if (index < 1) {
      throw new IllegalArgumentException("index must be >= 1: " + index);
    }
    if (item == null || method == null || url == null) {
      throw new IllegalArgumentException("item, method and url are required");
    }
    if (status != Attempt.NO_STATUS && (status < 100 || status > 999)) {
      throw new IllegalArgumentException("status is not an HTTP status: " + status);
    }
    if (attempts < 0 || bytes < 0 || !(ms >= 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("attempts, ms and bytes must not be negative");
    }
    if (ok != (error == null)) {
      throw new IllegalArgumentException(
          ok ? "an ok record has an error" : "a failed record has no error");
    }
  }

  /** The result this record logged. */
  public ItemResult toResult() {
    return ItemResult.builder(Item.line(index, item))
        .request(method, url)
        .status(status)
        .attempts(attempts)
        .nanos(Math.round(ms * 1_000_000))
        .bytes(bytes)
        .failure(error == null ? null : Failure.parse(error))
        .finishedAt(finishedEpochMillis)
        .build();
  }

  static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a whole number: " + value, e);
    }
  }

  static double parseDouble(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: " + value, e);
    }
  }

  static boolean parseBoolean(String name, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(name + " is not true or false: " + value);
    }
    return value.equals("true");
  }
}
