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
import org.junit.jupiter.api.Test;

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

  @Test
  void theReleaseThatCompletesABatchWakesAWaitingReader() throws Exception {
    SubmissionSlots slots = new SubmissionSlots(8, 8);
    assertTrue(slots.take(0, TimeUnit.MILLISECONDS));
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> taken = reader.submit(() -> slots.take(60, TimeUnit.SECONDS));
      for (int i = 0; i < 8; i++) {
        assertFalse(taken.isDone(), "woken before a batch was free, after " + i);
        slots.release();
      }
      assertTrue(taken.get(30, TimeUnit.SECONDS));
      assertEquals(0, slots.available());
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void slotsAreNeitherLostNorInventedUnderConcurrentReleases() throws Exception {
    int capacity = 24;
    int batch = 8;
    SubmissionSlots slots = new SubmissionSlots(capacity, batch);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    try {
      for (int round = 0; round < 5_000; round++) {
        assertTrue(slots.take(60, TimeUnit.SECONDS), "reader starved in round " + round);
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
    reader.interrupt();
    assertTrue(thrown.get(30, TimeUnit.SECONDS) instanceof InterruptedException);
  }

  @Test
  void aBatchLargerThanTheWindowIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SubmissionSlots(4, 8));
    assertThrows(IllegalArgumentException.class, () -> new SubmissionSlots(4, 0));
  }
}
