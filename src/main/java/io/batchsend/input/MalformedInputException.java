package io.batchsend.input;

import java.io.IOException;

/** A record the reader cannot read: invalid UTF-8, a broken CSV quote, a line that is not JSON. */
public class MalformedInputException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long lineNumber;

  public MalformedInputException(long lineNumber, String reason) {
    super("line " + lineNumber + ": " + reason);
    this.lineNumber = lineNumber;
  }

  /** The 1-based physical line where the problem is. */
  public long lineNumber() {
    return lineNumber;
  }
}
