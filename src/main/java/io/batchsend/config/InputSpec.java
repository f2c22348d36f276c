package io.batchsend.config;

import java.nio.file.Path;

/**
 * Where the items come from.
 *
 * @param path the data file, or null to read standard input
 */
public record InputSpec(Path path) {
  /** Standard input ({@code DATA} given as {@code -}). */
  public static InputSpec stdin() {
    return new InputSpec(null);
  }

  public boolean isStdin() {
    return path == null;
  }

  /** How the input is named in messages. */
  public String displayName() {
    return isStdin() ? "<stdin>" : path.toString();
  }
}
