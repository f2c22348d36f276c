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
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false);
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
    pause.onPushback(clock.nanos, clock.nanos - MS, 3_600_000, false);
    assertEquals(50 * MS, pause.remainingNanos());
    pause.onPushback(clock.nanos, clock.nanos - MS, Long.MAX_VALUE, false);
    assertEquals(50 * MS, pause.remainingNanos());
  }

  @Test
  void aShorterRetryAfterNeverCutsAPauseShort() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 2_000, false);
    clock.nanos += 100 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false);
    assertEquals(1_900 * MS, pause.remainingNanos());
  }

  @Test
  void overlappingPausesAreCountedOnce() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false);
    clock.nanos += 500 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false);
    clock.nanos += 5_000 * MS;
    assertEquals(1_500 * MS, pause.pausedNanos());
  }

  @Test
  void pausedTimeLeavesOutWhatIsStillAhead() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false);
    clock.nanos += 300 * MS;
    assertEquals(300 * MS, pause.pausedNanos());
  }

  @Test
  void threeRefusalsWithinASecondPauseThePoolForASecond() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, -1, false);
    clock.nanos += 400 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, -1, false);
    assertFalse(pause.isPaused(), "two are no burst");
    clock.nanos += 400 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, -1, false);
    assertEquals(PoolPause.BURST_PAUSE_NANOS, pause.remainingNanos());
  }

  @Test
  void refusalsOfRequestsThatWereInFlightTogetherAreNoBurst() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    long sent = clock.nanos;
    for (int i = 0; i < 8; i++) {
      clock.nanos += MS;
      pause.onPushback(clock.nanos, sent, -1, false);
    }
    assertFalse(pause.isPaused());
  }

  @Test
  void refusalsSpreadOverMoreThanASecondAreNoBurst() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    for (int i = 0; i < 10; i++) {
      pause.onPushback(clock.nanos, clock.nanos - MS, -1, false);
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
      pause.onPushback(clock.nanos, clock.nanos - MS, -1, false);
    }
    assertEquals(20 * MS, pause.remainingNanos());
  }

  @Test
  void aRefusalOfARequestSentBeforeThePauseBeganNeitherExtendsNorRenewsIt() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    long before = clock.nanos - MS; // in flight when the pause begins
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false);
    clock.nanos += 500 * MS;
    assertFalse(pause.onPushback(clock.nanos, before, 1_000, false), "says nothing new");
    assertEquals(500 * MS, pause.remainingNanos());
    clock.nanos += 600 * MS; // the pause is over
    assertFalse(pause.onPushback(clock.nanos, before, 1_000, false), "still nothing new");
    assertFalse(pause.isPaused());
    assertTrue(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, false), "sent after: news");
    assertEquals(1_000 * MS, pause.remainingNanos());
  }

  @Test
  void underAdaptiveALoneRetryAfterThatTheLearnedRateAnswersDoesNotPauseThePool() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    assertFalse(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true));
    assertFalse(pause.isPaused(), "the rate is cut instead; only the refused item waits");
    clock.nanos += 1_001 * MS; // past its Retry-After: the next refusal is lone again
    assertFalse(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true));
    assertFalse(pause.isPaused());
    assertEquals(0, pause.pausedNanos());
  }

  @Test
  void underAdaptiveARetryAfterRepeatedWithinTheFirstOnesWaitPausesThePool() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    long inFlight = clock.nanos - 2 * MS;
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    clock.nanos += MS;
    assertFalse(
        pause.onPushback(clock.nanos, inFlight, 1_000, true), "sent before the first: no news");
    assertFalse(pause.isPaused());
    clock.nanos += 300 * MS; // sent at the rate cut for the first, and refused again
    assertTrue(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true));
    assertEquals(1_000 * MS, pause.remainingNanos());
  }

  @Test
  void underAdaptiveARetryAfterAfterAServedAnswerIsLoneAgain() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true);
    clock.nanos += MS;
    pause.onServed(clock.nanos - 2 * MS); // sent before the refusal: says nothing
    clock.nanos += 50 * MS;
    pause.onServed(clock.nanos - MS); // sent after it at the cut rate, and served
    clock.nanos += 50 * MS;
    assertFalse(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true), "a fluke again");
    assertFalse(pause.isPaused());
    clock.nanos += 50 * MS; // the next one refused too, none served in between
    assertTrue(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true));
  }

  @Test
  void withoutAdaptiveEveryRetryAfterPausesThePool() {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, false);
    assertTrue(pause.onPushback(clock.nanos, clock.nanos - MS, 1_000, true));
    assertEquals(1_000 * MS, pause.remainingNanos());
  }

  @Test
  void waitingForAPauseEndsAtOnceWhenTheRunStops() throws Exception {
    FakeClock clock = new FakeClock();
    PoolPause pause = new PoolPause(MAX, clock, true);
    pause.onPushback(clock.nanos, clock.nanos - MS, 60_000, false);
    RunControl control = new RunControl();
    control.stop(2);
    assertFalse(pause.await(control));
  }
}
