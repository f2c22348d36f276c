package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.AdaptiveMode;
import io.batchsend.engine.RateLimiterTest.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveControlTest {
  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final RunControl control = new RunControl();

  private AdaptiveControl control(RateLimiter rate) {
    return new AdaptiveControl(AdaptiveMode.ERRORS, 8, Duration.ofSeconds(60), rate, clock);
  }

  private static Attempt status(int status, long retryAfterMillis) {
    return Attempt.response(status, 5 * MS).retryAfterMillis(retryAfterMillis).build();
  }

  private static Attempt failed(String kind) {
    return Attempt.failed(Failure.parse(kind + ": x"), 5 * MS);
  }

  @Test
  void tooManyRequestsWithRetryAfterPausesThePoolAndHalvesTheLimit() throws Exception {
    AdaptiveControl adaptive = control(RateLimiter.UNLIMITED);
    assertTrue(adaptive.admit(control));
    clock.nanos += 5 * MS;
    adaptive.complete(status(429, 2_000));
    assertTrue(adaptive.isPaused());
    assertEquals(2, adaptive.currentLimit());
    clock.nanos += 2_000 * MS;
    assertFalse(adaptive.isPaused());
    AdaptiveFigures figures = adaptive.figures();
    assertEquals(1, figures.tooManyRequests());
    assertEquals(0, figures.unavailable());
    assertEquals(2_000 * MS, figures.pausedNanos());
  }

  @Test
  void serviceUnavailableAndTimeoutsAndRefusedConnectionsArePushback() throws Exception {
    for (Attempt a : new Attempt[] {status(503, -1), failed("timeout"), failed("connect")}) {
      AdaptiveControl adaptive = control(RateLimiter.UNLIMITED);
      assertTrue(adaptive.admit(control));
      clock.nanos += 10 * MS;
      adaptive.complete(a);
      assertEquals(3, adaptive.currentLimit(), a.toString());
    }
  }

  @Test
  void serviceUnavailableIsCountedOverEveryAttempt() throws Exception {
    AdaptiveControl adaptive = control(RateLimiter.UNLIMITED);
    for (int i = 0; i < 3; i++) {
      assertTrue(adaptive.admit(control));
      clock.nanos += 10 * MS;
      adaptive.complete(status(503, -1));
      clock.nanos += 2_000 * MS;
    }
    assertEquals(3, adaptive.figures().unavailable());
    assertEquals(0, adaptive.figures().tooManyRequests());
  }

  @Test
  void otherStatusesAndCancelledCallsAreNoPushback() throws Exception {
    AdaptiveControl adaptive = control(RateLimiter.UNLIMITED);
    for (Attempt a : new Attempt[] {status(500, -1), status(404, -1), failed("interrupted")}) {
      assertTrue(adaptive.admit(control));
      clock.nanos += 10 * MS;
      adaptive.complete(a);
    }
    assertEquals(4, adaptive.figures().minLimit());
    assertFalse(adaptive.isPaused());
  }

  @Test
  void pushbackSlowsTheConfiguredRateByATenth() throws Exception {
    RateLimiter rate = RateLimiter.perSecond(100, clock);
    AdaptiveControl adaptive = control(rate);
    clock.nanos += 10 * MS;
    assertTrue(adaptive.admit(control));
    clock.nanos += 5 * MS;
    adaptive.complete(status(503, -1));
    assertEquals(Math.round(1e9 / 90), rate.intervalNanos());
  }

  @Test
  void admitHoldsNothingWhenTheRunHasStopped() throws Exception {
    AdaptiveControl adaptive = control(RateLimiter.UNLIMITED);
    control.stop(2);
    for (int i = 0; i < 20; i++) {
      assertFalse(adaptive.admit(control));
    }
  }
}
