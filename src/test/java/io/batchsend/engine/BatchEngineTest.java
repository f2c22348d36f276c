package io.batchsend.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchsend.engine.EngineFakes.FakeSender;
import io.batchsend.engine.EngineFakes.RecordingSink;
import io.batchsend.input.Item;
import io.batchsend.input.ItemReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatchEngineTest {
  private final RecordingSink sink = new RecordingSink();
  private final RunControl control = new RunControl();

  private BatchEngine engine(int concurrency, Duration grace, Sender sender) {
    return new BatchEngine(
        concurrency,
        grace,
        WorkerContext.builder(EngineFakes.template(), sender, sink, control).build());
  }

  @Test
  void everyItemOfTheReaderGetsExactlyOneRecord() throws Exception {
    BatchEngine.Outcome outcome =
        engine(4, Duration.ofSeconds(1), new FakeSender(r -> EngineFakes.ok200()))
            .run(EngineFakes.reader(1_000));
    assertEquals(1_000, outcome.submitted());
    assertNull(outcome.bug());
    assertEquals(1_000, sink.byIndexOnce().size());
    assertTrue(sink.flushes >= 1);
  }

  @Test
  void outOfMemoryInWorkersStopsTheRunAndEveryStartedItemHasAnInternalRecord() throws Exception {
    FakeSender sender =
        new FakeSender(
            r -> {
              throw new OutOfMemoryError("Java heap space");
            });
    BatchEngine.Outcome outcome =
        engine(14, Duration.ofSeconds(1), sender).run(EngineFakes.reader(10_000));
    assertInstanceOf(OutOfMemoryError.class, outcome.bug());
    assertTrue(control.isStopping());
    assertEquals(0, control.stopSignal());
    Map<Long, ItemResult> records = sink.byIndexOnce();
    assertEquals(sender.calls.get(), records.size(), "every started item has its record");
    assertTrue(outcome.submitted() < 10_000, "the run stopped taking items");
    for (ItemResult r : records.values()) {
      assertEquals("internal: OutOfMemoryError: Java heap space", r.failure().describe());
    }
  }

  @Test
  void aSinkThatThrowsOutOfMemoryStopsTheRun() throws Exception {
    ResultSink sink =
        r -> {
          throw new OutOfMemoryError("Java heap space");
        };
    BatchEngine.Outcome outcome =
        new BatchEngine(
                2,
                Duration.ofSeconds(1),
                WorkerContext.builder(
                        EngineFakes.template(),
                        new FakeSender(r -> EngineFakes.ok200()),
                        sink,
                        control)
                    .build())
            .run(EngineFakes.reader(10_000));
    assertInstanceOf(OutOfMemoryError.class, outcome.bug());
    assertTrue(outcome.submitted() < 10_000);
  }

  @Test
  void aStopPastTheGraceCancelsTheCallsInFlightAndLogsThem() throws Exception {
    CountDownLatch inFlight = new CountDownLatch(2);
    FakeSender[] holder = new FakeSender[1];
    holder[0] =
        new FakeSender(
            r -> {
              inFlight.countDown();
              try {
                holder[0].cancelled.await(); // a real call ends when cancelAll closes its socket
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Attempt.failed(new Failure(FailureKind.INTERRUPTED, "cancelled"), 0);
            });
    Thread signal =
        new Thread(
            () -> {
              try {
                inFlight.await();
                control.stop(15);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    signal.start();
    BatchEngine.Outcome outcome = engine(2, Duration.ZERO, holder[0]).run(EngineFakes.reader(50));
    signal.join();
    assertEquals(0, holder[0].cancelled.getCount(), "the calls in flight were cancelled");
    Map<Long, ItemResult> records = sink.byIndexOnce();
    assertEquals(2, records.size());
    for (ItemResult r : records.values()) {
      assertEquals(FailureKind.INTERRUPTED, r.failure().kind());
    }
    assertNull(outcome.bug());
    assertEquals(15, control.stopSignal());
  }

  @Test
  void anInputThatCannotBeReadStopsTheRunWithAFatalError() throws Exception {
    ItemReader broken =
        new ItemReader() {
          private int read;

          @Override
          public Item next() throws IOException {
            if (read++ < 3) {
              return EngineFakes.item(read);
            }
            throw new IOException("disk gone");
          }

          @Override
          public Set<String> fieldNames() {
            return Set.of();
          }

          @Override
          public long lineNumber() {
            return read;
          }

          @Override
          public void close() {}
        };
    BatchEngine.Outcome outcome =
        engine(2, Duration.ofSeconds(1), new FakeSender(r -> EngineFakes.ok200())).run(broken);
    assertEquals(3, outcome.submitted());
    assertEquals("cannot read input: disk gone", control.fatal());
  }
}
