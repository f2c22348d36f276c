package io.batchsend.cli;

import io.batchsend.config.Durations;
import io.batchsend.config.UsageException;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (UsageException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
