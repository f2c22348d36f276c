package io.batchsend.engine;

/** Gives a new {@code ${AUTH}} token each time it is asked: the {@code --auth-command}. */
@FunctionalInterface
public interface TokenCommand {
  /**
   * Runs the command once.
   *
   * @return the token, not blank
   * @throws AuthException when the command gives none
   */
  String fetch() throws AuthException;
}
