package io.batchsend.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** UTC timestamps with milliseconds, e.g. {@code 2026-11-24T17:00:00.123Z}. */
final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static void append(long epochMillis, StringBuilder out) {
    FORMAT.formatTo(Instant.ofEpochMilli(epochMillis), out);
  }
}
