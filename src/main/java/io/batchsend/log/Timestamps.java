package io.batchsend.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** UTC timestamps with milliseconds, e.g. {@code 2026-11-24T17:00:00.123Z}. */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter TO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /**
   * Writes timestamps for one record format, reusing the text of the current second: records finish
   * many to a second, and formatting the whole date each time showed in profiles. Not thread-safe;
   * a format is used under the pool's log lock.
   */
  static final class Writer {
    private long second = Long.MIN_VALUE;
    private String prefix = "";

    void append(long epochMillis, StringBuilder out) {
      long s = Math.floorDiv(epochMillis, 1000);
      if (s != second) {
        prefix = TO_SECONDS.format(Instant.ofEpochSecond(s));
        second = s;
      }
      int ms = Math.floorMod(epochMillis, 1000);
      out.append(prefix).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10));
      out.append((char) ('0' + ms % 10)).append('Z');
    }
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
