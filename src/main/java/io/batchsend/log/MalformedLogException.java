package io.batchsend.log;

import java.nio.file.Path;

/** A request log that cannot be read back: a record that is neither JSON Lines nor our CSV. */
public final class MalformedLogException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedLogException(Path file, long line, String reason) {
    super(file + ", line " + line + ": " + reason);
  }
}
