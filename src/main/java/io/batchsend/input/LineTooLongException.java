package io.batchsend.input;

/**
 * A line (or a CSV record) longer than {@code --max-line}: refused so that memory stays bounded
 * whatever the input holds.
 */
public final class LineTooLongException extends MalformedInputException {
  private static final long serialVersionUID = 1L;

  /**
   * @param what "line" or "record"
   */
  LineTooLongException(long lineNumber, String what, long maxLine) {
    super(lineNumber, what + " longer than --max-line=" + size(maxLine));
  }

  LineTooLongException(long lineNumber, long maxLine) {
    this(lineNumber, "line", maxLine);
  }

  /** {@code 1MiB}, {@code 64KiB} or {@code 1000 bytes}: as the user may write it. */
  static String size(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "GiB";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes % (1L << 10) == 0) {
      return (bytes >> 10) + "KiB";
    }
    return Long.toString(bytes);
  }
}
