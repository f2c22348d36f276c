package io.batchsend.log;

import java.nio.file.Path;

/** A request log that cannot be read back: a record that no format of batchsend reads. */
public final class MalformedLogException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedLogException(Path file, long line, String reason) {
    super(file + ", line " + line + ": " + reason);
  }
}
