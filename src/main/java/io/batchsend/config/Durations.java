package io.batchsend.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users type: {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code
 * 1.5s}.
 */
public final class Durations {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses a duration; a bare number means seconds.
   *
   * @throws UsageException naming the text when it is not a duration
   */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new UsageException(
          "invalid duration '"
              + Excerpt.of(text)
              + "': expected a number with ms, s, m or h, e.g. 30s");
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "s" -> amount * 1_000;
          case "m" -> amount * 60_000;
          default -> amount * 3_600_000;
        };
    if (millis > Long.MAX_VALUE / 2) {
      throw new UsageException("invalid duration '" + Excerpt.of(text) + "': too long");
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }

  /** Formats a duration the way {@link #parse} reads it back, e.g. {@code 30s}, {@code 250ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    return (ms / 1000) + "s";
  }
}
