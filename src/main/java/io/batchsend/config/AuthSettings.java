package io.batchsend.config;

import java.time.Duration;
import java.util.List;

/**
 * The command that gives the {@code ${AUTH}} token ({@code --auth-command}), and when it runs
 * again.
 *
 * @param command the program and its arguments, run without a shell; empty for none
 * @param ttl a token older than this is renewed before use ({@code --auth-ttl}), or null: renewed
 *     only after a 401
 * @param timeout how long the command may run before the run stops
 */
public record AuthSettings(List<String> command, Duration ttl, Duration timeout) {
  /** How long the command may run: a token service answers in seconds, a login prompt never. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** No {@code --auth-command}. */
  public static final AuthSettings NONE = new AuthSettings(List.of(), null, DEFAULT_TIMEOUT);

  public AuthSettings {
    command = List.copyOf(command);
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new UsageException("invalid --auth-ttl " + Durations.format(ttl) + ": expected > 0");
    }
    if (ttl != null && command.isEmpty()) {
      throw new UsageException("--auth-ttl needs --auth-command");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new UsageException("invalid --auth-command timeout: expected > 0");
    }
  }

  /**
   * The settings of {@code --auth-command=line} and {@code --auth-ttl}.
   *
   * @param line the command as typed, or null for none
   */
  public static AuthSettings of(String line, Duration ttl) {
    if (line == null) {
      return new AuthSettings(List.of(), ttl, DEFAULT_TIMEOUT);
    }
    return new AuthSettings(CommandWords.split(line, "--auth-command"), ttl, DEFAULT_TIMEOUT);
  }

  /** True when a command gives the token. */
  public boolean enabled() {
    return !command.isEmpty();
  }

  /** The program's name, the one part of the command messages show (arguments may hold secrets). */
  public String program() {
    return command.isEmpty() ? "" : command.get(0);
  }
}
