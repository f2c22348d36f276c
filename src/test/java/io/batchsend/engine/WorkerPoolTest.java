package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.EngineFakes.FakeSender;
import io.batchsend.engine.EngineFakes.RecordingSink;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  private final RecordingSink sink = new RecordingSink();
  private final RunControl control = new RunControl();

  private WorkerPool pool(int concurrency, Sender sender) {
    WorkerContext context =
        WorkerContext.builder(EngineFakes.template(), sender, sink, control).build();
    return new WorkerPool(concurrency, context, new ReentrantLock());
  }

  /** A sender that blocks every call until released, and says when {@code n} calls are in. */
  private static final class Gate {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered;

    Gate(int calls) {
      entered = new CountDownLatch(calls);
    }

    Attempt pass() {
      entered.countDown();
      try {
        release.await();
        return EngineFakes.ok200();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Attempt.failed(new Failure(FailureKind.INTERRUPTED, "cancelled"), 0);
      }
    }
  }

  @Test
  void everySubmittedItemGetsExactlyOneRecord() throws Exception {
    WorkerPool pool = pool(8, new FakeSender(r -> EngineFakes.ok200()));
    for (int i = 1; i <= 2_000; i++) {
      assertTrue(pool.submit(EngineFakes.item(i)));
    }
    assertTrue(pool.finish(30, TimeUnit.SECONDS));
    Map<Long, ItemResult> results = sink.byIndexOnce();
    assertEquals(2_000, results.size());
    assertTrue(results.values().stream().allMatch(ItemResult::ok));
    assertNull(pool.bug());
  }

  @Test
  void submissionIsBoundedToThreeTimesTheConcurrency() throws Exception {
    Gate gate = new Gate(2);
    WorkerPool pool = pool(2, new FakeSender(r -> gate.pass()));
    for (int i = 1; i <= 6; i++) {
      assertTrue(pool.submit(EngineFakes.item(i)), "within 3c: submitted without waiting");
    }
    gate.entered.await();
    // Every slot is taken and both workers are held: the seventh submit can only wait, and a stop
    // ends that wait without submitting.
    Thread stopper =
        new Thread(
            () -> {
              control.stop(15);
            });
    stopper.start();
    assertFalse(pool.submit(EngineFakes.item(7)));
    stopper.join();
    gate.release.countDown();
    assertTrue(pool.finish(30, TimeUnit.SECONDS));
    assertEquals(2, sink.byIndexOnce().size(), "queued items taken after the stop are not sent");
  }

  @Test
  void abortInterruptsWorkersAndTheirItemsStillGetRecords() throws Exception {
    Gate gate = new Gate(3);
    WorkerPool pool = pool(3, new FakeSender(r -> gate.pass()));
    for (int i = 1; i <= 3; i++) {
      pool.submit(EngineFakes.item(i));
    }
    gate.entered.await();
    control.stop(15);
    assertFalse(pool.finish(0, TimeUnit.MILLISECONDS));
    assertTrue(pool.abort(30, TimeUnit.SECONDS));
    Map<Long, ItemResult> results = sink.byIndexOnce();
    assertEquals(3, results.size());
    for (ItemResult r : results.values()) {
      assertEquals(FailureKind.INTERRUPTED, r.failure().kind());
    }
  }

  @Test
  void aWorkerErrorIsKeptAndStopsTheRun() throws Exception {
    WorkerPool pool =
        pool(
            2,
            new FakeSender(
                r -> {
                  throw new StackOverflowError();
                }));
    assertTrue(pool.submit(EngineFakes.item(1)));
    assertTrue(pool.finish(30, TimeUnit.SECONDS));
    assertTrue(control.isStopping());
    assertTrue(pool.bug() instanceof StackOverflowError);
    assertEquals(FailureKind.INTERNAL, sink.byIndexOnce().get(1L).failure().kind());
  }
}
