package io.batchsend.config;

import java.nio.file.Path;

/**
 * Where the items come from and how they are read.
 *
 * @param path the data file, or null to read standard input
 * @param format how the items are read
 */
public record InputSpec(Path path, InputFormat format) {
  public InputSpec {
    if (format == null) {
      throw new IllegalArgumentException("format is required");
    }
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

  public boolean isStdin() {
    return path == null;
  }

  /** How the input is named in messages. */
  public String displayName() {
    return isStdin() ? "<stdin>" : path.toString();
  }
}
