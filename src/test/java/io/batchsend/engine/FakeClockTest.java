package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.support.FakeClock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The clocks' waits: virtual time for tests, and a stop cutting any wait short on either clock. */
class FakeClockTest {
  private static final long MILLIS = 1_000_000L;

  /** Sleeps on {@code clock} in another thread; the future says whether the whole wait passed. */
  private static CompletableFuture<Boolean> sleepInThread(
      Clock clock, long nanos, RunControl control) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                done.complete(clock.sleep(nanos, control));
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            });
    t.setDaemon(true);
    t.start();
    return done;
  }

  @Test
  void aSleepEndsExactlyWhenVirtualTimeReachesItsDeadline() throws Exception {
    try (FakeClock clock = FakeClock.manual()) {
      RunControl control = new RunControl();
      CompletableFuture<Boolean> sleeping = sleepInThread(clock, 100 * MILLIS, control);
      clock.awaitSleepers(1);
      clock.advance(99 * MILLIS);
      clock.awaitSleepers(1); // its deadline is still ahead, so it cannot have returned
      assertFalse(sleeping.isDone());
      clock.advance(1 * MILLIS);
      assertTrue(sleeping.get(60, TimeUnit.SECONDS));
      assertEquals(List.of(100 * MILLIS), clock.sleeps());
    }
  }

  @Test
  void aStopCutsAFakeSleepShortWithoutMovingTime() throws Exception {
    try (FakeClock clock = FakeClock.manual()) {
      RunControl control = new RunControl();
      CompletableFuture<Boolean> sleeping =
          sleepInThread(clock, TimeUnit.HOURS.toNanos(1), control);
      clock.awaitSleepers(1);
      control.stop(15);
      assertFalse(sleeping.get(60, TimeUnit.SECONDS), "the stop ended it");
      assertEquals(0, clock.elapsedNanos());
      assertFalse(clock.sleep(1, control), "and a sleep after the stop returns at once");
    }
  }

  @Test
  void aStopCutsASystemClockSleepShort() throws Exception {
    RunControl control = new RunControl();
    CountDownLatch sleeping = new CountDownLatch(1);
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              sleeping.countDown();
              try {
                result.complete(Clock.SYSTEM.sleep(TimeUnit.HOURS.toNanos(1), control));
              } catch (InterruptedException e) {
                result.completeExceptionally(e);
              }
            });
    t.start();
    assertTrue(sleeping.await(60, TimeUnit.SECONDS));
    control.stop(2);
    assertFalse(result.get(60, TimeUnit.SECONDS), "an hour's sleep ended by the stop");
  }

  @Test
  void zeroWaitsReturnAtOnceAndSayWhetherTheRunGoesOn() throws Exception {
    RunControl control = new RunControl();
    assertTrue(Clock.SYSTEM.sleep(0, control));
    control.stop(0);
    assertFalse(Clock.SYSTEM.sleep(0, control));
    assertFalse(Clock.SYSTEM.sleep(TimeUnit.HOURS.toNanos(1), control));
  }

  @Test
  void aDrivenClockWakesSleepersInDeadlineOrderAtTheirDeadlines() throws Exception {
    RunControl control = new RunControl();
    ExecutorService pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "p-" + r.hashCode()));
    try (FakeClock clock = FakeClock.drivenBy("p-", Set.of())) {
      long start = clock.nanoTime();
      // All three are running (busy, so time stands still) before any of them sleeps.
      CountDownLatch ready = new CountDownLatch(3);
      CountDownLatch go = new CountDownLatch(1);
      Future<Long> late = pool.submit(() -> wake(clock, 300 * MILLIS, control, ready, go));
      Future<Long> early = pool.submit(() -> wake(clock, 100 * MILLIS, control, ready, go));
      Future<Long> twice =
          pool.submit(
              () -> {
                wake(clock, 50 * MILLIS, control, ready, go);
                return wake(clock, 150 * MILLIS, control);
              });
      assertTrue(ready.await(60, TimeUnit.SECONDS));
      go.countDown();
      assertEquals(start + 100 * MILLIS, early.get(60, TimeUnit.SECONDS));
      assertEquals(start + 200 * MILLIS, twice.get(60, TimeUnit.SECONDS));
      assertEquals(start + 300 * MILLIS, late.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDrivenClockStandsStillWhileAParticipantIsBusy() throws Exception {
    RunControl control = new RunControl();
    CountDownLatch busy = new CountDownLatch(1);
    AtomicInteger polls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "q-" + r.hashCode()));
    try (FakeClock clock = FakeClock.drivenBy("q-", Set.of())) {
      long start = clock.nanoTime();
      CountDownLatch working = new CountDownLatch(1);
      Future<Long> worker =
          pool.submit(
              () -> {
                working.countDown();
                // Busy (parked outside the clock) until the sleeper is registered and the driver
                // has had many chances to move time.
                clock.awaitSleepers(1);
                while (polls.incrementAndGet() < 200) {
                  busy.await(1, TimeUnit.MILLISECONDS);
                }
                return clock.nanoTime();
              });
      assertTrue(working.await(60, TimeUnit.SECONDS));
      Future<Long> sleeper = pool.submit(() -> wake(clock, 10 * MILLIS, control));
      assertEquals(start, worker.get(60, TimeUnit.SECONDS), "no time passed while it worked");
      assertEquals(start + 10 * MILLIS, sleeper.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  private static long wake(
      FakeClock clock, long nanos, RunControl control, CountDownLatch ready, CountDownLatch go)
      throws Exception {
    ready.countDown();
    assertTrue(go.await(60, TimeUnit.SECONDS));
    return wake(clock, nanos, control);
  }

  private static long wake(FakeClock clock, long nanos, RunControl control) throws Exception {
    assertTrue(clock.sleep(nanos, control));
    return clock.nanoTime();
  }
}
