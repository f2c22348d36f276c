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
  void aMovedRateIsNeverFasterThanTheConfiguredOne() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    limiter.setPerSecond(50);
    assertEquals(20_000_000L, limiter.intervalNanos());
    limiter.setPerSecond(1000);
    assertEquals(10_000_000L, limiter.intervalNanos());
  }

  @Test
  void reservationsFollowTheSlowerSpacing() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.perSecond(100, clock);
    assertEquals(0, limiter.reserve());
    limiter.setPerSecond(50);
    assertEquals(10_000_000L, limiter.reserve(), "the slot already reserved keeps its place");
    assertEquals(30_000_000L, limiter.reserve());
  }

  @Test
  void anUnconfiguredLimiterPacesOnceARateIsLearned() {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = RateLimiter.unlimited(clock);
    assertEquals(0, limiter.reserve());
    limiter.setPerSecond(10);
    assertEquals(0, limiter.reserve());
    assertEquals(100_000_000L, limiter.reserve());
    assertTrue(limiter.waitedSince(clock.nanos), "the rate held a start back");
  }

  @Test
  void theSharedUnlimitedLimiterCannotBeMoved() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> RateLimiter.UNLIMITED.setPerSecond(1));
  }
}
