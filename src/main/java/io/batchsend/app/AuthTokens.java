package io.batchsend.app;

import io.batchsend.config.AuthSettings;
import io.batchsend.config.UsageException;
import io.batchsend.engine.AuthException;
import io.batchsend.engine.AuthToken;
import io.batchsend.engine.Clock;
import io.batchsend.engine.TokenCommand;
import io.batchsend.template.RequestTemplate;

/** Checks {@code --auth-command} against the templates and gets the run's first token. */
final class AuthTokens {
  private AuthTokens() {}

  /**
   * Refuses {@code ${AUTH}} without {@code --auth-command}, and the command without a use of {@code
   * ${AUTH}} (it would run for nothing: surely a typo).
   *
   * @throws UsageException for either
   */
  static void check(AuthSettings settings, RequestTemplate template) {
    if (template.usesAuth() && !settings.enabled()) {
      throw new UsageException(
          "${AUTH} needs --auth-command, the command whose output is the token");
    }
    if (settings.enabled() && !template.usesAuth()) {
      throw new UsageException(
          "--auth-command is given but no -u, -H or -d uses its token: add e.g."
              + " -H 'Authorization: Bearer ${AUTH}'");
    }
  }

  /**
   * The run's token, its first value already fetched: before anything is sent, a failing command is
   * a usage error. Null without {@code --auth-command}.
   *
   * @throws UsageException when the command gives no first token (exit 2)
   */
  static AuthToken start(AuthSettings settings, Clock clock) {
    return start(settings, new AuthCommand(settings), clock);
  }

  /** As {@link #start(AuthSettings, Clock)} with {@code command} in place of the real one. */
  static AuthToken start(AuthSettings settings, TokenCommand command, Clock clock) {
    if (!settings.enabled()) {
      return null;
    }
    AuthToken token = new AuthToken(command, settings.ttl(), clock);
    try {
      token.current();
    } catch (AuthException e) {
      throw new UsageException(e.getMessage() + "; nothing sent");
    }
    return token;
  }
}
