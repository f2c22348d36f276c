package io.batchsend.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes in bytes as users write them: {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 10MB}. */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /**
   * @throws UsageException when {@code text} is no size
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new UsageException(
          "invalid size '" + Excerpt.of(text) + "': expected bytes or a unit such as 64KiB, 10MiB");
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "k", "kib" -> 1L << 10;
          case "kb" -> 1_000L;
          case "m", "mib" -> 1L << 20;
          case "mb" -> 1_000_000L;
          case "g", "gib" -> 1L << 30;
          case "gb" -> 1_000_000_000L;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new UsageException("invalid size '" + Excerpt.of(text) + "': too large");
    }
  }
}
