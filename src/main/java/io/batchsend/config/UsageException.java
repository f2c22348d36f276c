package io.batchsend.config;

/**
 * A problem with what the user asked for: a bad option, a bad template, unreadable or malformed
 * input. Always reported as one line on stderr with exit code 2, before anything is sent.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
