package io.batchsend.engine;

/**
 * The {@code --auth-command} gave no token. Its message is one line naming the program and why
 * (exit status, no output, timeout), never the command's output, which may hold secrets.
 */
public final class AuthException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthException(String message) {
    super(message);
  }
}
