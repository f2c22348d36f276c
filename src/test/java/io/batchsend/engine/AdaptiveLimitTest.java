package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.config.AdaptiveMode;
import io.batchsend.engine.RateLimiterTest.FakeClock;
import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {
  private static final long MS = 1_000_000L;

  @Test
  void startsAtFourOrAtConcurrencyWhenThatIsLower() {
    FakeClock clock = new FakeClock();
    assertEquals(4, new AdaptiveLimit(AdaptiveMode.ERRORS, 32, clock).currentLimit());
    assertEquals(2, new AdaptiveLimit(AdaptiveMode.ERRORS, 2, clock).currentLimit());
  }

  @Test
  void aFullGateTurnsAWaiterAwayWhenTheRunStops() throws Exception {
    FakeClock clock = new FakeClock();
    AdaptiveLimit gate = new AdaptiveLimit(AdaptiveMode.ERRORS, 8, clock);
    RunControl control = new RunControl();
    for (int i = 0; i < 4; i++) {
      assertTrue(gate.acquire(control));
    }
    control.stop(15);
    assertFalse(gate.acquire(control), "the fifth waits for a slot, and the stop ends the wait");
  }

  @Test
  void aWaiterGetsTheSlotThatFrees() throws Exception {
    FakeClock clock = new FakeClock();
    AdaptiveLimit gate = new AdaptiveLimit(AdaptiveMode.ERRORS, 1, clock);
    RunControl control = new RunControl();
    assertTrue(gate.acquire(control));
    java.util.concurrent.CompletableFuture<Boolean> waiter =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return gate.acquire(control);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    gate.release(clock.nanos, 10 * MS, false, false);
    assertTrue(waiter.get(30, java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void healthyResponsesWithAFullGateRaiseTheLimitToConcurrency() throws Exception {
    FakeClock clock = new FakeClock();
    AdaptiveLimit gate = new AdaptiveLimit(AdaptiveMode.ERRORS, 8, clock);
    RunControl control = new RunControl();
    for (int round = 0; round < 20; round++) {
      int limit = gate.currentLimit();
      for (int i = 0; i < limit; i++) {
        assertTrue(gate.acquire(control));
      }
      clock.nanos += 10 * MS;
      for (int i = 0; i < limit; i++) {
        gate.release(clock.nanos - 10 * MS, 10 * MS, false, false);
      }
    }
    assertEquals(8, gate.currentLimit());
    assertEquals(8, gate.maxLimit());
    assertEquals(4, gate.minLimit());
  }

  @Test
  void theMeanIsWeightedByTime() throws Exception {
    FakeClock clock = new FakeClock();
    AdaptiveLimit gate = new AdaptiveLimit(AdaptiveMode.ERRORS, 8, clock);
    RunControl control = new RunControl();
    clock.nanos += 1_000 * MS; // a second at 4
    for (int i = 0; i < 4; i++) {
      assertTrue(gate.acquire(control));
    }
    gate.release(clock.nanos - MS, MS, true, false); // 4 × 0.8 → 3
    assertEquals(3, gate.currentLimit());
    clock.nanos += 1_000 * MS; // a second at 3
    assertEquals(3.5, gate.meanLimit(), 1e-9);
  }

  @Test
  void latencyModeShrinksTheLimitWhenResponsesSlowDown() throws Exception {
    FakeClock clock = new FakeClock();
    AdaptiveLimit gate = new AdaptiveLimit(AdaptiveMode.LATENCY, 32, clock);
    RunControl control = new RunControl();
    long t = clock.nanos;
    // Two seconds of 20 ms round trips with a full gate: the baseline, and some growth.
    t = rounds(gate, control, t, 100, 20 * MS);
    int grown = gate.currentLimit();
    assertTrue(grown > 4, "grew to " + grown);
    // Then everything takes four times as long.
    rounds(gate, control, t, 30, 80 * MS);
    assertTrue(gate.currentLimit() < grown, "still " + gate.currentLimit() + " of " + grown);
  }

  /** {@code n} rounds: fill the gate, let every attempt take {@code rtt}. Returns the end time. */
  private static long rounds(AdaptiveLimit gate, RunControl control, long t, int n, long rtt)
      throws InterruptedException {
    for (int round = 0; round < n; round++) {
      int limit = gate.currentLimit();
      for (int i = 0; i < limit; i++) {
        assertTrue(gate.acquire(control));
      }
      for (int i = 0; i < limit; i++) {
        gate.release(t, rtt, false, false);
      }
      t += rtt;
    }
    return t;
  }
}
