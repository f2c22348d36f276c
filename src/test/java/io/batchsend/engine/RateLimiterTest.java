package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /**
   * A clock for one thread: it moves when told to, and a sleep moves it by the whole wait at once
   * (or not at all when the run has stopped), recording the wait.
   */
  static final class FakeClock implements Clock {
    long nanos = 1_000_000_000L;
    final java.util.List<Long> sleeps = new java.util.ArrayList<>();

    @Override
    public boolean sleep(long wait, RunControl control) {
      sleeps.add(wait);
      if (control.isStopping()) {
        return false;
      }
      nanos += Math.max(0, wait);
      return true;
    }

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public long epochMillis() {
      return nanos / 1_000_000;
    }
  }

  @Test
  void firstStartIsImmediateAndTheRestAreEvenlySpacedWithNoBurst() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(50, clock);
    for (int i = 0; i < 100; i++) {
      assertEquals(i * 20_000_000L, limiter.reserve(), "start " + i);
    }
  }

  @Test
  void idleTimeEarnsNoBurst() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(10, clock);
    assertEquals(0, limiter.reserve());
    clock.nanos += 60_000_000_000L; // a minute idle
    assertEquals(0, limiter.reserve());
    assertEquals(100_000_000L, limiter.reserve(), "the next start waits a full interval");
  }

  @Test
  void concurrentReservationsGetDistinctSlots() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(1000, clock);
    int threads = 8;
    int each = 1000;
    java.util.Set<Long> waits = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  waits.add(limiter.reserve());
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    assertEquals(threads * each, waits.size(), "no two starts share a slot");
    assertTrue(waits.contains((threads * each - 1) * 1_000_000L));
  }

  @Test
  void unlimitedNeverWaits() {
    assertEquals(0, RateLimiter.UNLIMITED.reserve());
    assertTrue(RateLimiter.UNLIMITED.isUnlimited());
  }

  @Test
  void pushbackDoublesTheSpacingOncePerRoundTrip() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    long sent = clock.nanos;
    clock.nanos += 5_000_000L;
    limiter.slowDown(sent);
    assertEquals(20_000_000L, limiter.intervalNanos());
    limiter.slowDown(sent);
    assertEquals(20_000_000L, limiter.intervalNanos(), "sent before the slowdown: counted once");
    clock.nanos += 5_000_000L;
    limiter.slowDown(clock.nanos - 1);
    assertEquals(40_000_000L, limiter.intervalNanos());
  }

  @Test
  void theSlowdownIsCapped() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    for (int i = 0; i < 100; i++) {
      clock.nanos += 1;
      limiter.slowDown(clock.nanos);
      clock.nanos += 1;
    }
    assertEquals(10_000_000L * RateLimiter.MAX_SLOWDOWN, limiter.intervalNanos());
  }

  @Test
  void healthyResponsesBringTheRateBackGraduallyAndNoFurther() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    clock.nanos += 1;
    limiter.slowDown(clock.nanos);
    assertEquals(20_000_000L, limiter.intervalNanos());
    limiter.recover();
    assertTrue(limiter.intervalNanos() < 20_000_000L, "moves back");
    assertTrue(limiter.intervalNanos() > 19_000_000L, "by a little");
    for (int i = 0; i < 10_000; i++) {
      limiter.recover();
    }
    assertEquals(10_000_000L, limiter.intervalNanos(), "never faster than configured");
  }

  @Test
  void reservationsFollowTheSlowerSpacing() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    assertEquals(0, limiter.reserve());
    clock.nanos += 1;
    limiter.slowDown(clock.nanos);
    clock.nanos -= 1;
    assertEquals(10_000_000L, limiter.reserve(), "the slot already reserved keeps its place");
    assertEquals(30_000_000L, limiter.reserve());
  }

  @Test
  void unlimitedIgnoresPushback() {
    RateLimiter limiter = new RateLimiter(0, new FakeClock());
    limiter.slowDown(Long.MAX_VALUE);
    limiter.recover();
    assertEquals(0, limiter.reserve());
  }
}
