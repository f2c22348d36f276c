package io.batchsend.engine;

/**
 * Why an attempt or an item did not succeed. The record's {@code error} text is {@code word:
 * message}, where the word is the kind's: {@code timeout}, {@code connect}, {@code dns}, {@code
 * reset}, {@code truncated}, {@code protocol}, {@code tls}, {@code io}, {@code status}, {@code
 * too-large}, {@code invalid}, {@code input}, {@code missing}, {@code interrupted}, {@code
 * redirect} or {@code internal} (see {@link FailureKind}). A log written by another version may
 * hold other words: they are read as {@link FailureKind#UNKNOWN} and written back unchanged.
 *
 * @param kind what failed
 * @param message the detail, secrets already masked; for {@link FailureKind#UNKNOWN}, the whole
 *     original error text
 */
public record Failure(FailureKind kind, String message) {
  public Failure {
    if (kind == null) {
      throw new IllegalArgumentException("failure kind is required");
    }
    message = message == null ? "" : message;
  }

  /** The kind's word, or for {@link FailureKind#UNKNOWN} the original word before {@code :}. */
  public String word() {
    if (kind != FailureKind.UNKNOWN) {
      return kind.word();
    }
    int colon = message.indexOf(':');
    return colon < 0 ? message : message.substring(0, colon);
  }

  /** The record's {@code error} text: {@code word: message}. */
  public String describe() {
    if (kind == FailureKind.UNKNOWN) {
      return message;
    }
    return message.isEmpty() ? kind.word() : kind.word() + ": " + message;
  }

  /**
   * Parses a record's {@code error} text back into kind and message. A word this version does not
   * know gives {@link FailureKind#UNKNOWN}, so that a log reader never breaks on a newer log.
   */
  public static Failure parse(String error) {
    int colon = error.indexOf(':');
    String word = colon < 0 ? error : error.substring(0, colon);
    return FailureKind.ofWord(word)
        .map(kind -> new Failure(kind, colon < 0 ? "" : error.substring(colon + 1).strip()))
        .orElseGet(() -> new Failure(FailureKind.UNKNOWN, error));
  }
}
