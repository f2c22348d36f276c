package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.RateLimiterTest.FakeClock;
import org.junit.jupiter.api.Test;

class PoolPauseTest {
  private static final long MS = 1_000_000L;
  private static final long MAX = 60_000 * MS;

  @Test
  void retryAfterHoldsBackEveryStartUntilThatTime() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    assertFalse(pause.isPaused());
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    assertTrue(pause.isPaused());
    assertEquals(1_000 * MS, pause.remainingNanos());
    clock.nanos += 999 * MS;
    assertTrue(pause.isPaused());
    clock.nanos += MS;
    assertFalse(pause.isPaused());
    assertEquals(1_000 * MS, pause.pausedNanos());
  }

  @Test
  void aPauseIsCappedByRetryMaxWait() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(50 * MS, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 3_600_000, true);
    assertEquals(50 * MS, pause.remainingNanos());
    pause.onPushback(clock.nanos, clock.nanos - MS, Long.MAX_VALUE, true);
    assertEquals(50 * MS, pause.remainingNanos());
  }

  @Test
  void aShorterRetryAfterNeverCutsAPauseShort() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 2_000, true);
    clock.nanos += 100 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    assertEquals(1_900 * MS, pause.remainingNanos());
  }

  @Test
  void overlappingPausesAreCountedOnce() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    clock.nanos += 500 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    clock.nanos += 5_000 * MS;
    assertEquals(1_500 * MS, pause.pausedNanos());
  }

  @Test
  void pausedTimeLeavesOutWhatIsStillAhead() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    clock.nanos += 300 * MS;
    assertEquals(300 * MS, pause.pausedNanos());
  }

  @Test
  void threeRefusalsWithinASecondPauseThePoolForASecond() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, -1, true);
    clock.nanos += 400 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, -1, true);
    assertFalse(pause.isPaused(), "two are no burst");
    clock.nanos += 400 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, -1, true);
    assertEquals(PoolPause.BURST_PAUSE_NANOS, pause.remainingNanos());
  }

  @Test
  void refusalsOfRequestsThatWereInFlightTogetherAreNoBurst() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    long sent = clock.nanos;
    for (int i = 0; i < 8; i++) {
      clock.nanos += MS;
      pause.onPushback(clock.nanos, sent, -1, true);
    }
    assertFalse(pause.isPaused());
  }

  @Test
  void refusalsSpreadOverMoreThanASecondAreNoBurst() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    for (int i = 0; i < 10; i++) {
      pause.onPushback(clock.nanos, clock.nanos - MS, -1, true);
      clock.nanos += 600 * MS;
    }
    assertEquals(0, pause.pausedNanos());
  }

  @Test
  void aBurstPauseIsCappedByRetryMaxWaitToo() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(20 * MS, clock, true);
    for (int i = 0; i < 3; i++) {
      clock.nanos += 2 * MS;
      pause.onPushback(clock.nanos, clock.nanos - MS, -1, true);
    }
    assertEquals(20 * MS, pause.remainingNanos());
  }

  @Test
  void waitingForAPauseEndsAtOnceWhenTheRunStops() throws Exception {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 60_000, true);
    RunControl control = new RunControl();
    control.stop(2);
    assertFalse(pause.await(control));
  }
}
