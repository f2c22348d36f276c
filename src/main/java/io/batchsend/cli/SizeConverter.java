package io.batchsend.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes in bytes: {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB}, {@code 10MB}. */
final class SizeConverter implements ITypeConverter<Long> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new TypeConversionException(
          "invalid size '" + value + "': expected bytes or a unit such as 64KiB, 10MiB");
    }
    long n = Long.parseLong(m.group(1));
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
      return Math.multiplyExact(n, factor);
    } catch (ArithmeticException e) {
      throw new TypeConversionException("invalid size '" + value + "': too large");
    }
  }
}
