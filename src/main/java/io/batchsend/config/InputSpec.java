package io.batchsend.config;

import java.nio.file.Path;

/**
 * Where the items come from and how they are read.
 *
 * @param path the data file, or null to read standard input
 * @param format how the items are read
 * @param maxLineBytes the most bytes an input line (a CSV record, a JSON Lines record) may hold
 */
public record InputSpec(Path path, InputFormat format, long maxLineBytes) {
  /**
   * The default {@code --max-line}. Up to three times -c items are read ahead, and each request in
   * flight holds its item several times over (text, rendered body, the client's copy). Measured
   * through the launcher's 96 MB heap at -c 8: 32 items of 256 KiB in a JSON body peaked at 110 MB
   * RSS; of 1 MiB, a worker ran out of memory.
   */
  public static final long DEFAULT_MAX_LINE = Sizes.parse(OptionDefaults.MAX_LINE);

  /** The largest {@code --max-line}: a line is held in one array. */
  public static final long MAX_MAX_LINE = 1L << 30;

  public InputSpec {
    if (format == null) {
      throw new IllegalArgumentException("format is required");
    }
    if (maxLineBytes < 1 || maxLineBytes > MAX_MAX_LINE) {
      throw new UsageException("invalid --max-line " + maxLineBytes + ": expected 1 to 1GiB");
    }
  }

  /** A spec with the default {@link #DEFAULT_MAX_LINE}. */
  public InputSpec(Path path, InputFormat format) {
    this(path, format, DEFAULT_MAX_LINE);
  }

  /**
   * Standard input ({@code DATA} given as {@code -}).
   *
   * @param format how to read it, or null for lines: a stream has no name to tell
   */
  public static InputSpec stdin(InputFormat format) {
    return new InputSpec(null, format == null ? InputFormat.LINES : format);
  }

  /**
   * A data file.
   *
   * @param format how to read it, or null for what the file's extension implies
   */
  public static InputSpec file(Path path, InputFormat format) {
    if (path == null) {
      throw new IllegalArgumentException("path is required");
    }
    return new InputSpec(path, format == null ? InputFormat.byExtension(path) : format);
  }

  /** The same input with another {@code --max-line}. */
  public InputSpec withMaxLine(long bytes) {
    return new InputSpec(path, format, bytes);
  }

  public boolean isStdin() {
    return path == null;
  }

  /** How the input is named in messages. */
  public String displayName() {
    return isStdin() ? "<stdin>" : path.toString();
  }
}
