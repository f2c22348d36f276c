package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchsend.support.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared token: renewed once per 401'd generation, and before use once past its TTL. */
class AuthTokenTest {
  /** Gives token-1, token-2, … and counts its runs. */
  static final class CountingCommand implements TokenCommand {
    final AtomicInteger runs = new AtomicInteger();
    volatile int failFrom = Integer.MAX_VALUE;

    @Override
    public String fetch() throws AuthException {
      int n = runs.incrementAndGet();
      if (n >= failFrom) {
        throw new AuthException("--auth-command 'get-token' failed: exit status 1");
      }
      return "token-" + n;
    }
  }

  private final CountingCommand command = new CountingCommand();

  @Test
  void firstUseRunsTheCommandOnceAndLaterUsesReuseItsToken() throws Exception {
    AuthToken auth = new AuthToken(command, null, FakeClock.manual());
    assertEquals(new AuthToken.Token(1, "token-1"), auth.current());
    assertEquals(new AuthToken.Token(1, "token-1"), auth.current());
    assertEquals(1, command.runs.get());
  }

  @Test
  void a401RenewsOnceAndA401OnAnOlderTokenReusesTheNewOne() throws Exception {
    AuthToken auth = new AuthToken(command, null, FakeClock.manual());
    AuthToken.Token first = auth.current();
    assertEquals(new AuthToken.Token(2, "token-2"), auth.renewAfter401(first));
    assertEquals(new AuthToken.Token(2, "token-2"), auth.renewAfter401(first));
    assertEquals(new AuthToken.Token(2, "token-2"), auth.current());
    assertEquals(2, command.runs.get());
  }

  @Test
  void workersSeeing401TogetherRunTheCommandOnceAndShareTheNewToken() throws Exception {
    AuthToken auth = new AuthToken(command, null, FakeClock.manual());
    AuthToken.Token first = auth.current();
    int workers = 8;
    CyclicBarrier together = new CyclicBarrier(workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<AuthToken.Token>> got = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        got.add(
            pool.submit(
                () -> {
                  together.await();
                  return auth.renewAfter401(first);
                }));
      }
      for (Future<AuthToken.Token> f : got) {
        assertEquals(new AuthToken.Token(2, "token-2"), f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, command.runs.get());
  }

  @Test
  void tokenOlderThanItsTtlIsRenewedBeforeUse() throws Exception {
    FakeClock clock = FakeClock.manual();
    AuthToken auth = new AuthToken(command, Duration.ofMinutes(50), clock);
    assertEquals(1, auth.current().generation());
    clock.advance(TimeUnit.MINUTES.toNanos(49));
    assertEquals(1, auth.current().generation());
    clock.advance(TimeUnit.MINUTES.toNanos(1));
    assertEquals(new AuthToken.Token(2, "token-2"), auth.current());
    clock.advance(TimeUnit.MINUTES.toNanos(49));
    assertEquals(2, auth.current().generation());
    assertEquals(2, command.runs.get());
  }

  @Test
  void withoutTtlTheTokenIsKeptUntilA401() throws Exception {
    FakeClock clock = FakeClock.manual();
    AuthToken auth = new AuthToken(command, null, clock);
    auth.current();
    clock.advance(TimeUnit.DAYS.toNanos(3));
    assertEquals(1, auth.current().generation());
    assertEquals(1, command.runs.get());
  }

  @Test
  void afterTheCommandFailedEveryUseFailsWithoutRunningItAgain() throws Exception {
    AuthToken auth = new AuthToken(command, null, FakeClock.manual());
    AuthToken.Token first = auth.current();
    command.failFrom = 2;
    AuthException e = assertThrows(AuthException.class, () -> auth.renewAfter401(first));
    assertEquals("--auth-command 'get-token' failed: exit status 1", e.getMessage());
    assertEquals(e.getMessage(), assertThrows(AuthException.class, auth::current).getMessage());
    assertThrows(AuthException.class, () -> auth.renewAfter401(first));
    assertEquals(2, command.runs.get());
  }

  @Test
  void tokenNeverShowsItsValue() throws Exception {
    AuthToken auth = new AuthToken(command, null, FakeClock.manual());
    assertFalse(auth.current().toString().contains("token-1"));
  }
}
