package io.batchsend.cli;

import io.batchsend.config.Sizes;
import io.batchsend.config.UsageException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes in bytes: {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB}, {@code 10MB}. */
final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return Sizes.parse(value);
    } catch (UsageException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
