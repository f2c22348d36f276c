package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.ServerQuota.Source;
import org.junit.jupiter.api.Test;

class ServerQuotaTest {
  private static final long U = ServerQuota.UNKNOWN;

  @Test
  void refusesNegativeFigures() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new ServerQuota(-2, 0, U, U, Source.X_RATELIMIT));
    assertTrue(e.getMessage().contains("remaining=-2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new ServerQuota(0, -5, U, U, Source.RATELIMIT));
  }

  @Test
  void refusesAQuotaThatSaysNothing() {
    assertThrows(
        IllegalArgumentException.class, () -> new ServerQuota(U, U, 10, 1000, Source.RATELIMIT));
  }

  @Test
  void waitsForTheResetElseTheWindow() {
    assertEquals(2_000, new ServerQuota(0, 2_000, U, 60_000, Source.RATELIMIT).waitMillis());
    assertEquals(60_000, new ServerQuota(0, U, U, 60_000, Source.RATELIMIT).waitMillis());
    assertEquals(U, new ServerQuota(0, U, U, U, Source.RATELIMIT).waitMillis());
  }
}
