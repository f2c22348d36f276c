package io.batchsend.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.AuthSettings;
import io.batchsend.config.CommandWords;
import io.batchsend.engine.AuthException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command is run directly, its trimmed output is the token, its failures are one line. */
class AuthCommandTest {
  private static String fetch(String line) throws AuthException {
    return fetch(line, AuthSettings.DEFAULT_TIMEOUT);
  }

  private static String fetch(String line, Duration timeout) throws AuthException {
    List<String> words = CommandWords.split(line, "--auth-command");
    return new AuthCommand(new AuthSettings(words, null, timeout)).fetch();
  }

  private static String failure(String line) {
    return assertThrows(AuthException.class, () -> fetch(line)).getMessage();
  }

  @Test
  void outputIsTrimmedIntoTheToken() throws Exception {
    assertEquals("abc.def", fetch("printf '\\n  abc.def  \\n\\n'"));
  }

  @Test
  void argumentsReachTheProgramAsQuotedWithoutAShell() throws Exception {
    assertEquals("a b|$HOME|*", fetch("printf '%s|%s|%s' \"a b\" $HOME *"));
  }

  @Test
  void shellOnlyWhenAskedFor() throws Exception {
    assertEquals("x-y", fetch("sh -c 'echo \"$0-$1\"' x y"));
  }

  @Test
  void nonZeroExitNamesTheProgramAndStatusButNotTheOutput() {
    String message = failure("sh -c 'echo secret-value; exit 3'");
    assertEquals("--auth-command 'sh' failed: exit status 3", message);
  }

  @Test
  void emptyOutputIsAFailure() {
    assertEquals("--auth-command 'true' printed no token (exit status 0)", failure("true"));
  }

  @Test
  void outputOfSeveralLinesIsNotAToken() {
    String message = failure("sh -c 'echo secret-a; echo secret-b'");
    assertTrue(message.contains("more than one line"), message);
    assertFalse(message.contains("secret"), message);
  }

  @Test
  void outputLongerThanTheLimitIsNotAToken() {
    String message = failure("head -c 70000 /dev/zero");
    assertTrue(message.contains("more than 64 KiB"), message);
  }

  @Test
  void programThatCannotStartIsAFailureNamingIt() {
    String message = failure("/nonexistent/get-token --secret=abc");
    assertTrue(message.startsWith("cannot run --auth-command '/nonexistent/get-token'"), message);
    assertFalse(message.contains("abc"), message);
  }

  @Test
  void commandOutlivingItsTimeoutIsKilledAndAFailure() {
    AuthException e =
        assertThrows(AuthException.class, () -> fetch("sleep 60", Duration.ofMillis(200)));
    assertEquals("--auth-command 'sleep' did not finish within 200ms", e.getMessage());
  }

  @Test
  void commandReadsNoInput() throws Exception {
    assertEquals("0", fetch("sh -c 'wc -c | tr -d \" \"'"));
  }
}
