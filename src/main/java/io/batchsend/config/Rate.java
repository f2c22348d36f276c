package io.batchsend.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request rate such as {@code 50/s} or {@code 600/m}.
 *
 * @param perSecond requests per second, more than 0
 */
public record Rate(double perSecond) {
  private static final Pattern RATE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|sec|m|min))?", Pattern.CASE_INSENSITIVE);

  public Rate {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new UsageException("invalid rate: must be more than 0");
    }
  }

  /** Parses {@code N/s}, {@code N/m} or a bare {@code N} (per second). */
  public static Rate parse(String text) {
    Matcher m = RATE.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new UsageException(
          "invalid rate '" + Excerpt.of(text) + "': expected N/s or N/m, e.g. 50/s");
    }
    double n = Double.parseDouble(m.group(1));
    if (n <= 0) {
      throw new UsageException("invalid rate '" + Excerpt.of(text) + "': must be more than 0");
    }
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    return new Rate(unit.startsWith("m") ? n / 60.0 : n);
  }

  /**
   * This rate shared evenly by {@code shards} runs: {@code --rate-total} split over the shards, so
   * together they stay within it.
   */
  public Rate dividedAmong(int shards) {
    if (shards < 1) {
      throw new UsageException("invalid shard count " + shards + ": must be >= 1");
    }
    return new Rate(perSecond / shards);
  }
}
