package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SubmissionSlotsTest {
  @Test
  void takesABatchAtATimeUpToTheCapacity() throws Exception {
    SubmissionSlots slots = new SubmissionSlots(24, 8);
    assertTrue(slots.take(0, TimeUnit.MILLISECONDS));
    assertTrue(slots.take(0, TimeUnit.MILLISECONDS));
    assertTrue(slots.take(0, TimeUnit.MILLISECONDS));
    assertEquals(0, slots.available());
    assertFalse(slots.take(20, TimeUnit.MILLISECONDS), "nothing free: the wait times out");
    for (int i = 0; i < 7; i++) {
      slots.release();
    }
    assertFalse(slots.take(20, TimeUnit.MILLISECONDS), "seven free is less than a batch");
    assertEquals(7, slots.available(), "a failed take takes nothing");
  }

  /** Waits until {@code thread} is parked with a timeout, i.e. inside {@code take}. */
  private static void awaitParked(Thread thread) {
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertTrue(thread.isAlive(), "the reader ended instead of waiting");
      Thread.onSpinWait();
    }
  }

  // A lost wake-up would leave the reader parked until its two-minute deadline: the test's
  // timeout turns that into a failure instead of a slow pass.
  @Test
  @Timeout(60)
  void theReleaseThatCompletesABatchWakesAParkedReader() throws Exception {
    SubmissionSlots slots = new SubmissionSlots(8, 8);
    assertTrue(slots.take(0, TimeUnit.MILLISECONDS));
    AtomicReference<Thread> readerThread = new AtomicReference<>();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> taken =
          reader.submit(
              () -> {
                readerThread.set(Thread.currentThread());
                return slots.take(120, TimeUnit.SECONDS);
              });
      while (readerThread.get() == null) {
        Thread.onSpinWait();
      }
      awaitParked(readerThread.get());
      for (int i = 0; i < 8; i++) {
        assertFalse(taken.isDone(), "woken before a batch was free, after " + i);
        slots.release();
      }
      assertTrue(taken.get());
      assertEquals(0, slots.available());
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  @Timeout(60)
  void slotsAreNeitherLostNorInventedUnderConcurrentReleases() throws Exception {
    int capacity = 24;
    int batch = 8;
    SubmissionSlots slots = new SubmissionSlots(capacity, batch);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    try {
      for (int round = 0; round < 5_000; round++) {
        // A lost wake-up would stall this take for two minutes: the test's timeout fails it.
        assertTrue(slots.take(120, TimeUnit.SECONDS), "reader starved in round " + round);
        for (int i = 0; i < batch; i++) {
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          workers.execute(
              () -> {
                inFlight.decrementAndGet();
                slots.release();
              });
        }
      }
      workers.shutdown();
      assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS));
      assertEquals(capacity, slots.available(), "every slot came back");
      assertTrue(mostInFlight.get() <= capacity, "bounded: " + mostInFlight.get());
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void anInterruptedReaderStopsWaiting() throws Exception {
    SubmissionSlots slots = new SubmissionSlots(8, 8);
    assertTrue(slots.take(0, TimeUnit.MILLISECONDS));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                slots.take(60, TimeUnit.SECONDS);
                thrown.complete(null);
              } catch (Throwable t) {
                thrown.complete(t);
              }
            });
    reader.start();
    awaitParked(reader);
    reader.interrupt();
    assertTrue(thrown.get(30, TimeUnit.SECONDS) instanceof InterruptedException);
  }

  @Test
  void aBatchLargerThanTheWindowIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SubmissionSlots(4, 8));
    assertThrows(IllegalArgumentException.class, () -> new SubmissionSlots(4, 0));
  }
}
