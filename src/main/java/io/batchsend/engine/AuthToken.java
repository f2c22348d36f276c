package io.batchsend.engine;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The run's current {@code ${AUTH}} token, shared by all workers, renewed by its {@link
 * TokenCommand} when it is older than its time to live, or after a 401.
 *
 * <p>Concurrency contract: each token has a generation (1, 2, …). A worker whose request with
 * generation {@code g} was answered 401 calls {@link #renewAfter401}; the first such call for
 * {@code g} runs the command, while the others wait for it on the lock and then get the new token
 * without running the command again. A 401 on a token already renewed never renews it again. Once
 * the command has failed, every call fails at once with the same message: the run is stopping.
 */
public final class AuthToken {
  /** A token and its generation, the count of times the command gave one. */
  public record Token(long generation, String value) {
    @Override
    public String toString() {
      return "Token[generation=" + generation + ", value=***]"; // never the secret itself
    }
  }

  private final TokenCommand command;
  private final Clock clock;
  private final long ttlNanos;

  /**
   * Guards the renewal: held while the command runs, so that workers needing a new token wait for
   * the one renewal instead of running the command themselves. Never held while sending.
   */
  private final ReentrantLock renewal = new ReentrantLock();

  /**
   * The current token with the {@link Clock#nanoTime} it was fetched at; written under the lock.
   */
  private volatile Current current;

  /** The command's first failure, after which no token is given; written under the lock. */
  private volatile String failure;

  private record Current(Token token, long fetchedNanos) {}

  /**
   * @param ttl renew a token older than this before use, or null to renew only after a 401
   * @param clock reads the token's age
   */
  public AuthToken(TokenCommand command, Duration ttl, Clock clock) {
    this.command = command;
    this.clock = clock;
    this.ttlNanos = ttl == null ? 0 : ttl.toNanos();
  }

  /**
   * The token to use now: the current one, or a new one when there is none yet or it outlived its
   * time to live.
   *
   * @throws AuthException when the command failed, now or before
   */
  public Token current() throws AuthException {
    Current now = current;
    if (now != null && failure == null && !expired(now)) {
      return now.token(); // the hot path: no lock
    }
    renewal.lock();
    try {
      failIfFailed();
      Current c = current;
      if (c == null || expired(c)) {
        c = renew(c);
      }
      return c.token();
    } finally {
      renewal.unlock();
    }
  }

  /**
   * The token to repeat a request with after {@code rejected} was answered 401: a new one, fetched
   * now unless another worker already replaced {@code rejected}.
   *
   * @throws AuthException when the command failed, now or before
   */
  public Token renewAfter401(Token rejected) throws AuthException {
    renewal.lock();
    try {
      failIfFailed();
      Current c = current;
      if (c == null || c.token().generation() == rejected.generation()) {
        c = renew(c);
      }
      return c.token();
    } finally {
      renewal.unlock();
    }
  }

  /** How many tokens the command has given. */
  public long generation() {
    Current c = current;
    return c == null ? 0 : c.token().generation();
  }

  private boolean expired(Current c) {
    return ttlNanos > 0 && clock.nanoTime() - c.fetchedNanos() >= ttlNanos;
  }

  private void failIfFailed() throws AuthException {
    if (failure != null) {
      throw new AuthException(failure);
    }
  }

  /** Runs the command; only under the lock. */
  private Current renew(Current old) throws AuthException {
    String value;
    try {
      value = command.fetch();
    } catch (AuthException e) {
      failure = e.getMessage();
      throw e;
    }
    long generation = old == null ? 1 : old.token().generation() + 1;
    Current fresh = new Current(new Token(generation, value), clock.nanoTime());
    current = fresh;
    return fresh;
  }
}
