package io.batchsend.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** UTC timestamps with milliseconds, e.g. {@code 2026-11-24T17:00:00.123Z}. */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static void append(long epochMillis, StringBuilder out) {
    FORMAT.formatTo(Instant.ofEpochMilli(epochMillis), out);
  }

  /** {@code epochMillis} as the log writes it. */
  public static String format(long epochMillis) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Parses an ISO-8601 UTC instant, as the log writes it, to epoch millis.
   *
   * @throws IllegalArgumentException when {@code text} is not an instant
   */
  public static long parse(String text) {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 timestamp: " + text, e);
    }
  }
}
