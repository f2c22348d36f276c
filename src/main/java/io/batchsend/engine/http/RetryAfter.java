package io.batchsend.engine.http;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * @param value the header value, or null
   * @param nowEpochMillis the current time, for the date form
   * @return the wait in milliseconds (never negative), or -1 when absent or unreadable
   */
  static long millis(String value, long nowEpochMillis) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Math.multiplyExact(Long.parseLong(v), 1000L);
      } catch (ArithmeticException | NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    try {
      long at =
          ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - nowEpochMillis);
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
